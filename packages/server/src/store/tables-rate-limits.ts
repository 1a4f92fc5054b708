/** A rate-limit bucket shared by the API processes (migration 0055). */
export interface RateBucketTable {
  /** What is limited and by what, e.g. `ingest:<public key>`. */
  key: string;
  tokens: number;
  /** Epoch ms the tokens were counted at. */
  at: number;
}

export interface RateLimitTables {
  rate_buckets: RateBucketTable;
}
