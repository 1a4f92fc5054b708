/**
 * Mentions in Markdown text (comments, issue descriptions).
 *
 * Syntax: `@` followed by a handle, where
 * - the `@` starts the text or follows a character that cannot be part of a word, address or
 *   path (so `mia@example.com`, `https://x.dev/@mia` and `a.@b` are not mentions; `_@mia_` is
 *   Markdown emphasis and is one);
 * - the handle is letters, digits, `_`, `.`, `+` or `-`, starting with a letter, digit or `_` and
 *   ending with a letter or digit (so trailing punctuation in "thanks @mia." stays out), at most 64 characters;
 * - optionally followed by `@domain.tld`, making the handle a full email address (`@mia@example.com`)
 *   for when two members share the part before the `@`.
 * Mentions inside inline code (`` `@mia` ``), fenced code blocks and after a backslash (`\@mia`) are
 * ignored. Handles are compared case-insensitively and returned lower-cased.
 *
 * What a handle refers to (a member's email local part or full email, or a team key) is decided
 * by the server, which knows the workspace; this module only finds them.
 */
export interface Mention {
  /** Lower-cased handle without the `@`: `mia`, `mia@example.com`, `design`. */
  handle: string;
  /** Offsets of the whole mention, `@` included, in the original text. */
  start: number;
  end: number;
}

export const MAX_HANDLE_LENGTH = 64;

const HANDLE =
  /@([A-Za-z0-9_](?:[A-Za-z0-9_.+-]*[A-Za-z0-9])?)(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)?/g;
/** Characters after which an `@` is part of something else: words, addresses, paths, escapes. */
const GLUED_BEFORE = /[A-Za-z0-9.+\-@/\\`]/;

/** Replaces code (fenced blocks and inline spans) with spaces so offsets stay valid. */
function blankCode(text: string): string {
  const lines = text.split('\n');
  let fence: string | null = null;
  const out = lines.map((line) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
      return ' '.repeat(line.length);
    }
    if (m) {
      fence = m[1]!;
      return ' '.repeat(line.length);
    }
    return line;
  });
  // Inline code spans: a run of N backticks up to the next run of exactly N backticks.
  return out.join('\n').replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (s) => ' '.repeat(s.length));
}

export function parseMentions(text: string): Mention[] {
  const scan = blankCode(text);
  const found: Mention[] = [];
  for (const m of scan.matchAll(HANDLE)) {
    const start = m.index;
    const before = start > 0 ? scan[start - 1]! : '';
    if (before && GLUED_BEFORE.test(before)) continue;
    const local = m[1]!;
    if (local.length > MAX_HANDLE_LENGTH) continue;
    const handle = (local + (m[2] ?? '')).toLowerCase();
    found.push({ handle, start, end: start + m[0].length });
  }
  return found;
}

/** The distinct handles mentioned, in order of first appearance. */
export function mentionedHandles(text: string): string[] {
  return [...new Set(parseMentions(text).map((m) => m.handle))];
}
