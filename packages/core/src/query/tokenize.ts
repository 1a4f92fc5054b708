import type { CompareOp } from './query-ast.ts';
import { QueryError } from './query-error.ts';

export type Token =
  | { type: 'lparen' | 'rparen' | 'neg' | 'or' | 'and' | 'not'; pos: number; len: number }
  | {
      type: 'term';
      pos: number;
      len: number;
      field: string;
      fieldLen: number;
      op: CompareOp;
      value: string;
      valueQuoted: boolean;
      valuePos: number;
      valueLen: number;
    }
  | { type: 'text'; pos: number; len: number; text: string; quoted: boolean };

export const MAX_QUERY_LENGTH = 2_000;

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
/** Characters that end a bare word. A colon ends a word only in the name part of `name:value`. */
const ENDS_WORD = new Set(['(', ')', '"']);

/**
 * Splits query text into tokens. `-` directly before something negates it; `OR`, `AND`, `NOT`
 * are operators only in upper case (as on GitHub), so "or" in prose stays text.
 */
export function tokenize(input: string): Token[] {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      `A query is at most ${MAX_QUERY_LENGTH} characters`,
      { pos: MAX_QUERY_LENGTH, len: input.length - MAX_QUERY_LENGTH },
      ['a shorter query'],
    );
  }
  const out: Token[] = [];
  let p = 0;

  const quoted = (): { text: string; end: number } => {
    // input[p] is the opening quote
    let text = '';
    let i = p + 1;
    while (i < input.length) {
      const c = input[i]!;
      if (c === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) {
        text += input[i + 1];
        i += 2;
        continue;
      }
      if (c === '"') return { text, end: i + 1 };
      text += c;
      i++;
    }
    throw new QueryError('This quote is never closed', { pos: p, len: input.length - p }, ['a closing "']);
  };

  const bare = (stopAtColon: boolean): { text: string; end: number } => {
    let i = p;
    while (i < input.length) {
      const c = input[i]!;
      if (isSpace(c) || ENDS_WORD.has(c) || (stopAtColon && c === ':')) break;
      i++;
    }
    return { text: input.slice(p, i), end: i };
  };

  while (p < input.length) {
    const c = input[p]!;
    if (isSpace(c)) {
      p++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ type: c === '(' ? 'lparen' : 'rparen', pos: p, len: 1 });
      p++;
      continue;
    }
    if (c === '-' && p + 1 < input.length && !isSpace(input[p + 1]) && input[p + 1] !== ')') {
      out.push({ type: 'neg', pos: p, len: 1 });
      p++;
      continue;
    }
    const start = p;
    const first = c === '"' ? quoted() : bare(true);
    const firstQuoted = c === '"';
    p = first.end;
    if (input[p] === ':') {
      if (first.text.trim() === '') {
        throw new QueryError('A qualifier needs a name before ":"', { pos: p, len: 1 }, [
          'a qualifier name such as status or label',
        ]);
      }
      p++;
      const found = (['>=', '<=', '>', '<', '='] as const).find((o) => input.startsWith(o, p));
      const op = found ?? '=';
      if (found) p += found.length;
      const valuePos = p;
      const v = input[p] === '"' ? quoted() : bare(false);
      const valueQuoted = input[p] === '"';
      if (!valueQuoted && v.text === '') {
        throw new QueryError(`"${first.text}:" needs a value`, { pos: p, len: 0 }, ['a value']);
      }
      p = v.end;
      out.push({
        type: 'term',
        pos: start,
        len: p - start,
        field: first.text,
        fieldLen: first.end - start,
        op,
        value: v.text,
        valueQuoted,
        valuePos,
        valueLen: p - valuePos,
      });
      continue;
    }
    if (!firstQuoted && (first.text === 'OR' || first.text === 'AND' || first.text === 'NOT')) {
      out.push({
        type: first.text === 'OR' ? 'or' : first.text === 'AND' ? 'and' : 'not',
        pos: start,
        len: p - start,
      });
      continue;
    }
    if (!firstQuoted && first.text === '') {
      // A lone character that cannot start anything (only possible for a stray ':' handled above).
      throw new QueryError('Unexpected character', { pos: p, len: 1 }, ['a term']);
    }
    out.push({ type: 'text', pos: start, len: p - start, text: first.text, quoted: firstQuoted });
  }
  return out;
}
