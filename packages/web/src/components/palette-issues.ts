import type { Issue } from '@closeloop/shared/api/issues';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, qs } from '../api/client.ts';

const KEY = /^[a-z][a-z0-9]{0,9}-\d+$/i;

/** What the palette searches for: a key (`APP-7`) as itself, anything else as plain title/description words. */
export function paletteIssueSearch(text: string): { key: string | null; words: string } {
  const t = text.trim();
  // Only letters, digits and spaces are searched: punctuation adds nothing to a full-text match.
  const words = t
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { key: KEY.test(t) ? t.toUpperCase() : null, words };
}

/** Issues for the palette: the one whose key was typed, then up to 8 whose text matches the words. */
export function usePaletteIssues(text: string, enabled: boolean): Issue[] {
  const [debounced, setDebounced] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(text), 120);
    return () => clearTimeout(t);
  }, [text]);
  const { key, words } = paletteIssueSearch(debounced);
  const on = enabled && words.length >= 2;
  const byKey = useQuery({
    queryKey: ['palette', 'key', key],
    enabled: on && !!key,
    retry: false,
    staleTime: 10_000,
    queryFn: ({ signal }) => api<Issue>(`/issues/${encodeURIComponent(key!)}`, { signal }),
  });
  const byWords = useQuery({
    queryKey: ['palette', 'words', words],
    enabled: on,
    retry: false,
    staleTime: 10_000,
    queryFn: ({ signal }) => api<{ items: Issue[] }>(`/issues${qs({ text: words, limit: 8 })}`, { signal }),
  });
  if (!on) return [];
  const out: Issue[] = [];
  if (key && byKey.data) out.push(byKey.data);
  for (const i of byWords.data?.items ?? []) if (!out.some((o) => o.id === i.id)) out.push(i);
  return out;
}
