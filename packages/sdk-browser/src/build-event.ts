import type { Breadcrumb, IngestEventInput } from '@closeloop/shared/ingest/event';
import type { User } from './options.ts';
import { truncate } from './truncate.ts';
import { SDK_NAME, SDK_VERSION } from './version.ts';

/**
 * What the client knows when an event is captured. The session id and the browser are added when
 * the event is queued (client.ts `_queue`), which during page load is later.
 */
export interface Scope {
  release: string | undefined;
  environment: string | undefined;
  user: User | undefined;
  tags: Record<string, string>;
  url: string;
  route: string;
  breadcrumbs: Breadcrumb[] | undefined;
}

/** The part an integration supplies: its type and payload. */
export type EventPayload = Omit<IngestEventInput, 'event_id' | 'timestamp' | 'platform' | 'sdk'>;

/** Merges an integration's payload with the scope into a contract-valid event. */
export function buildEvent(
  payload: EventPayload,
  scope: Scope,
  eventId: string,
  now: number,
): IngestEventInput {
  const event: IngestEventInput = {
    event_id: eventId,
    timestamp: now,
    platform: 'browser',
    url: truncate(scope.url, 4_000),
    route: truncate(scope.route, 1_000),
    sdk: { name: SDK_NAME, version: SDK_VERSION },
    ...payload,
  };
  if (scope.release) event.release = truncate(scope.release, 1_000);
  if (scope.environment) event.environment = truncate(scope.environment, 1_000);
  if (scope.user) {
    const { id, email, username } = scope.user;
    // Only the contract's fields (it rejects unknown keys), as strings.
    event.user = JSON.parse(
      JSON.stringify({ id, email, username }, (k, v) =>
        !k ? v : v == null ? undefined : truncate(String(v), 1_000),
      ),
    );
  }
  const tags = { ...scope.tags, ...payload.tags };
  if (Object.keys(tags).length > 0) event.tags = tags;
  if (scope.breadcrumbs && scope.breadcrumbs.length > 0) event.breadcrumbs = scope.breadcrumbs;
  return event;
}
