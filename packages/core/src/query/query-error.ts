import { Invalid } from '@closeloop/shared/errors';
import type { Span } from './query-ast.ts';

export interface QueryErrorDetails {
  /** 0-based offset of the offending characters in the query text. */
  position: number;
  length: number;
  /** What would have been accepted at that position, in words. */
  expected: string[];
}

/** A query the language cannot accept; the HTTP layer answers it as a 400 like any Invalid. */
export class QueryError extends Invalid {
  declare readonly details: QueryErrorDetails & { field: 'q' };
  constructor(message: string, at: Span, expected: readonly string[]) {
    super(message, { field: 'q', position: at.pos, length: at.len, expected: [...expected] });
  }
}
