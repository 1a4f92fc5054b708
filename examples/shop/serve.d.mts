export interface ShopOptions {
  port?: number;
  host?: string;
  dsn?: string;
  release?: string;
  environment?: string;
}
export interface RunningShop {
  url: string;
  /** The source map of /app.min.js, for uploading to Closeloop. */
  appMap: string;
  close: () => Promise<void>;
}
export function startShop(opts?: ShopOptions): Promise<RunningShop>;
