import type { Issue } from '@closeloop/shared/api/issues';
import type { Action } from '../actions/bind.ts';
import type { PickOption } from '../actions/registry.tsx';
import { paletteIssueSearch } from './palette-issues.ts';

/** Ranks text against the typed query: substring first (earlier is better), then a subsequence; 0 is no match. */
export function score(text: string, q: string): number {
  if (!q) return 1;
  const t = text.toLowerCase();
  const idx = t.indexOf(q);
  if (idx >= 0) return 100 - idx;
  // Subsequence match ("crt" → "create") ranks below substring matches.
  let i = 0;
  for (const ch of t) if (ch === q[i]) i++;
  return i === q.length ? 10 : 0;
}

export type Entry = PickOption & { shortcut?: string; section?: string; danger?: boolean; run: () => void };

/**
 * The palette's order, so that Enter does what the first entry says: the issue whose key was typed,
 * commands whose name contains the text, issues whose text matches, looser command matches, and
 * destructive or session-ending commands always last.
 */
export function commandEntries(
  actions: Action[],
  issues: Issue[],
  q: string,
  open: (key: string) => void,
): Entry[] {
  const ranked: { e: Entry; group: number; s: number }[] = [];
  const { key } = paletteIssueSearch(q);
  for (const [n, i] of issues.entries()) {
    ranked.push({
      e: { id: `issue:${i.key}`, label: `${i.key} ${i.title}`, hint: 'Issue', run: () => open(i.key) },
      group: key === i.key ? 0 : 2,
      s: -n,
    });
  }
  for (const a of actions) {
    if (a.hidden) continue;
    const s = score(`${a.title} ${a.section ?? ''}`, q);
    if (s <= 0) continue;
    const e: Entry = {
      id: a.id,
      label: a.title,
      hint: a.section,
      section: a.section,
      shortcut: a.shortcut,
      run: a.perform,
    };
    if (a.danger) e.danger = true;
    ranked.push({ e, group: a.danger ? 4 : !q || s > 10 ? 1 : 3, s: q ? s : 0 });
  }
  return ranked
    .sort(
      (a, b) =>
        a.group - b.group || b.s - a.s || (q ? 0 : (a.e.section ?? '').localeCompare(b.e.section ?? '')),
    )
    .map((r) => r.e);
}
