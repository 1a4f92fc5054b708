import type { Generated } from 'kysely';

/**
 * Similarity (issue 11.4, migration 0035): the index the engine in core/similarity reads — one
 * analysed document per issue, postings per term, document frequencies and field-length totals per
 * project, all kept in the transaction that changes the issue — and the record of merges, so a
 * merge can be undone.
 */

export interface SimilarityDocTable {
  issue_id: number;
  workspace_id: number;
  project_id: number;
  created_at: number;
  title: string;
  /** JSON FieldTerms: field → term → count. */
  terms: string;
}

export interface SimilarityPostingTable {
  project_id: number;
  term: string;
  issue_id: number;
}

export interface SimilarityTermTable {
  project_id: number;
  term: string;
  df: number;
}

export interface SimilarityStatsTable {
  project_id: number;
  doc_count: number;
  title_length: number;
  description_length: number;
  frames_length: number;
  route_length: number;
  component_length: number;
}

export interface IssueMergeTable {
  id: Generated<number>;
  workspace_id: number;
  duplicate_id: number;
  original_id: number;
  merged_by: number | null;
  merged_at: number;
  /** JSON MergeRecord: what moved, so an undo moves exactly that back. */
  moved: string;
  undone_at: number | null;
  undone_by: number | null;
}

export interface SimilarityTables {
  similarity_docs: SimilarityDocTable;
  similarity_postings: SimilarityPostingTable;
  similarity_terms: SimilarityTermTable;
  similarity_stats: SimilarityStatsTable;
  issue_merges: IssueMergeTable;
}
