import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Harness } from '../../test/api-client.ts';
import { ingestRequest, messageEvent } from '../../test/ingest-requests.ts';
import { buildEnvelope } from '../sentry/sentry-envelope.ts';
import type { ProjectKey } from '../sentry/sentry-test-kit.ts';

/**
 * Synthetic traffic of a release for the release and verification tests: error events (grouped
 * before returning) and Sentry session aggregates, through the real ingest endpoints.
 */
export function releaseTraffic(h: Harness, key: () => ProjectKey) {
  const events = async (release: string, title: string, n: number) => {
    const batch = Array.from({ length: n }, () => messageEvent(title, { release }));
    const r = await h.req(ingestRequest(key().publicKey, batch));
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    await h.svc.ingest.worker.drain();
  };
  const sessions = async (release: string, exited: number, started = new Date()) => {
    const r = await h.req({
      method: 'POST',
      url: `/api/${key().projectId}/envelope/?sentry_key=${key().publicKey}&sentry_version=7`,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      payload: buildEnvelope({}, [
        {
          header: { type: 'sessions' },
          payload: {
            attrs: { release, environment: 'production' },
            aggregates: [{ started: started.toISOString(), exited, did: randomBytes(4).toString('hex') }],
          },
        },
      ]),
    });
    expect(r.status).toBe(200);
  };
  return { events, sessions };
}
