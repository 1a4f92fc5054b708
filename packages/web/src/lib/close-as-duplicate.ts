import type { Issue } from '@closeloop/shared/api/issues';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { keys } from '../api/hooks.ts';
import { putIssue } from './mutations.ts';

/** Closes an issue as a duplicate of its original (linked; its people follow the original). */
export async function closeAsDuplicateOf(
  qc: QueryClient,
  issue: Issue,
  opts: { original: string; status: string; note: string | null | undefined },
): Promise<Issue> {
  const next = await api<Issue>(`/issues/${issue.key}/close-as-duplicate`, {
    method: 'POST',
    body: {
      original: opts.original,
      version: issue.version,
      status: opts.status,
      ...(opts.note ? { resolutionNote: opts.note } : {}),
    },
  });
  putIssue(qc, next);
  qc.invalidateQueries({ queryKey: keys.activity(issue.key) });
  qc.invalidateQueries({ queryKey: ['links'] });
  return next;
}
