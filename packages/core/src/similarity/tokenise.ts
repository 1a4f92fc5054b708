/**
 * The one tokeniser of the similarity engine (and of the plain-BM25 baseline of the duplicate
 * benchmark, so the two differ only in how they rank). Lower-cases, splits on anything that is not
 * a letter or digit, and also splits identifiers into their parts (`FSNamesystem.getBlockLocations`
 * gives `fsnamesystem`, `getblocklocations`, `fs`, `namesystem`, `get`, `block`, `locations`): bug
 * reports name the same code once as an identifier and once in words. Numbers are dropped (line
 * numbers, ids and timestamps match by accident), as are English stop words; a light suffix
 * stemmer folds plurals and verb forms.
 */

const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our
  out over own same she should so some such than that the their them then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your yours
  also get got may might must shall us via within without etc e g ie eg`.split(/\s+/),
);

const MAX_TOKEN_LENGTH = 40;
const WORD = /[\p{L}\p{N}_]+/gu;
/** `getBlockLocations` → get|Block|Locations; `FSNamesystem` → FS|Namesystem; `HDFS2` → HDFS|2. */
const CAMEL_PART = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu;

export function tokenise(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    for (const piece of word.split('_')) {
      if (piece.length === 0) continue;
      push(out, piece);
      const parts = piece.match(CAMEL_PART);
      if (parts && parts.length > 1) for (const part of parts) push(out, part);
    }
  }
  return out;
}

function push(out: string[], raw: string): void {
  if (raw.length < 2 || raw.length > MAX_TOKEN_LENGTH) return;
  const lower = raw.toLowerCase();
  if (/^\p{N}+$/u.test(lower) || /^0x[0-9a-f]+$/.test(lower) || STOP_WORDS.has(lower)) return;
  out.push(stem(lower));
}

/** A light English stemmer: enough to fold `failures`/`failure`/`failed`/`failing` together. */
export function stem(word: string): string {
  if (word.length <= 3 || /\p{N}/u.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  return n > 2 && w[n - 1] === w[n - 2] && !/[lsz]/.test(w[n - 1] ?? '') ? w.slice(0, -1) : w;
}

/** Term → count. */
export function termCounts(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
