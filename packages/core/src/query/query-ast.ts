/**
 * The syntax tree of a search-box query. Every node remembers where it came from in the text
 * (`pos`, `len`: UTF-16 offsets) so any later stage can point a 400 at the exact characters.
 */

export type CompareOp = '=' | '>' | '>=' | '<' | '<=';

export interface Span {
  pos: number;
  len: number;
}

/** `field:value`, `field:>=value`, `"Customer tier":gold`, `milestone:"v2 launch"`. */
export interface TermNode extends Span {
  kind: 'term';
  /** Lower-cased qualifier name (custom field names keep their spelling in `rawField`). */
  field: string;
  rawField: string;
  /** Length of the qualifier name as written (with its quotes), starting at `pos`. */
  fieldLen: number;
  op: CompareOp;
  value: string;
  valueQuoted: boolean;
  valuePos: number;
  valueLen: number;
}

/** Free text: a bare word matches as a word prefix, a quoted string as a phrase. */
export interface TextNode extends Span {
  kind: 'text';
  text: string;
  quoted: boolean;
}

export interface NotNode extends Span {
  kind: 'not';
  item: QueryNode;
}

export interface BoolNode extends Span {
  kind: 'and' | 'or';
  items: QueryNode[];
}

export type QueryNode = TermNode | TextNode | NotNode | BoolNode;

export const SORT_FIELDS = [
  'created',
  'updated',
  'priority',
  'due',
  'closed',
  'estimate',
  'events',
  'users',
  'sessions',
  'firstseen',
  'lastseen',
  'relevance',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface SortDirective extends Span {
  field: SortField;
  dir: 'asc' | 'desc';
}

export interface ParsedQuery {
  /** null when the query has no conditions (only sort directives, or nothing at all). */
  where: QueryNode | null;
  sort: SortDirective[];
}
