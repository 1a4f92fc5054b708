import type { Generated } from 'kysely';

/** Saved views (migration 0005): a named query with display options, personal or shared. */
export interface SavedViewTable {
  id: Generated<number>;
  workspace_id: number;
  /** The creator; the only one who sees a personal view. */
  owner_id: number;
  name: string;
  query: string;
  /** JSON text of ViewDisplay (layout, columns, groupBy, sort). */
  display: string;
  /** 1 = visible to the whole workspace, 0 = personal. */
  shared: number;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface ViewsTables {
  saved_views: SavedViewTable;
}
