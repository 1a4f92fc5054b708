import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { keys } from './hooks.ts';

/**
 * Any answer 401 means the session is over (it expired, was revoked, or the password was reset
 * elsewhere): forget who we were, and the sign-in gate (app.tsx) sends the page to /signin with
 * the current address as `next`, instead of leaving error states on a page that cannot recover.
 */
export function onSignedOut(queryClient: QueryClient, error: unknown): void {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  if (queryClient.getQueryData(keys.me) === null) return;
  queryClient.setQueryData(keys.me, null);
}
