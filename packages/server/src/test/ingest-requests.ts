import { randomBytes } from 'node:crypto';

/** Builders for requests to Closeloop's own ingest endpoint, shared by the fault tests. */
export const newEventId = () => randomBytes(16).toString('hex');

export const messageEvent = (formatted: string, over: Record<string, unknown> = {}) => ({
  event_id: newEventId(),
  type: 'message',
  timestamp: Date.now(),
  message: { formatted },
  ...over,
});

/** An inject()/h.req() request sending `events` in one batch with the given key. */
export const ingestRequest = (publicKey: string, events: unknown[]) => ({
  method: 'POST' as const,
  url: `/api/ingest/v1/events?key=${publicKey}`,
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify({ v: 1, events }),
});

/** A browser error event: `type` thrown by one in-app frame (same type, same issue). */
export const errorEvent = (type: string, over: Record<string, unknown> = {}) => ({
  event_id: newEventId(),
  type: 'error',
  timestamp: Date.now(),
  platform: 'browser',
  environment: 'production',
  exception: {
    type,
    value: 'failed',
    frames: [{ function: `on${type}`, filename: 'https://app.test/app.js', in_app: true }],
  },
  ...over,
});
