/**
 * Text PostgreSQL cannot store, made storable the same way on both databases.
 *
 * PostgreSQL's text type refuses U+0000 ("invalid byte sequence for encoding UTF8: 0x00"); SQLite
 * takes it. So that both dialects hold the same thing, and an SDK event or a REST body with a NUL
 * is never a 500 nor a batch the grouping worker cannot commit, every NUL is replaced at the edges
 * (the JSON body parser, query strings, the ingest parsers) by U+2400 SYMBOL FOR NULL: visible,
 * one character in the same place, so the text keeps its information.
 */
export const NUL_STAND_IN = '\u2400';

/** A plain string with every NUL replaced by the stand-in. */
export function storableText(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', NUL_STAND_IN) : text;
}

// In valid JSON a NUL can only be written as the escape `\u0000` (raw control characters are not
// allowed in strings). Escapes are matched left to right, so `\\u0000` (an escaped backslash, then
// the letters u0000) is left alone.
const JSON_ESCAPES = /\\(\\|u0000)/g;

/**
 * JSON text with every NUL escape (in values and keys, at any depth) turned into the stand-in's
 * escape, before it is parsed: one pass over the text, none at all when it holds no NUL escape.
 */
export function storableJsonText(json: string): string {
  if (!json.includes('\\u0000')) return json;
  return json.replace(JSON_ESCAPES, (seq) => (seq === '\\\\' ? seq : '\\u2400'));
}

/** A URL query string (still percent-encoded) with every encoded NUL replaced by the stand-in. */
export function storableQueryString(query: string): string {
  return query.includes('%00') ? query.replaceAll('%00', '%E2%90%80') : query;
}
