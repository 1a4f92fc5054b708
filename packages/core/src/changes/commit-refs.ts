/**
 * Which issues a commit message names, and which it says it fixes. Keys are matched whole
 * (`SHOP-42`, not `XSHOP-42` or `SHOP-421`), case-insensitively as git hosts do; a fix is a key
 * right after a closing word, as in GitHub's and GitLab's own conventions:
 * "Fixes SHOP-42", "closes: shop-42, SHOP-43", "Resolved SHOP-7".
 */
const KEY = /\b([A-Za-z][A-Za-z0-9]{1,9}-[1-9]\d{0,8})\b/g;
const CLOSING =
  /\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\b\s*:?\s*((?:[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}\b[\s,]*(?:and\s+)?)+)/gi;

export interface CommitRefs {
  mentioned: string[];
  fixes: string[];
}

export function commitRefs(message: string): CommitRefs {
  const mentioned = new Set<string>();
  for (const m of message.matchAll(KEY)) mentioned.add(m[1]!.toUpperCase());
  const fixes = new Set<string>();
  for (const m of message.matchAll(CLOSING)) {
    for (const k of m[1]!.matchAll(KEY)) fixes.add(k[1]!.toUpperCase());
  }
  return { mentioned: [...mentioned], fixes: [...fixes] };
}

/** `refs/heads/main` → `main`; tags and other refs are not branches. */
export function branchOfRef(ref: string): string | null {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null;
}
