import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDsn } from '../../../sdk-core/src/dsn.ts';
import { Client } from '../client.ts';
import { type InitOptions, resolveOptions } from '../options.ts';
import type { QueuedEvent } from '../transport/transport.ts';
import { reportRequest } from './report-request.ts';

const clients: Client[] = [];
function buildClient(options: Partial<InitOptions> = {}) {
  const dsn = 'https://pk@closeloop.test/1';
  const client = new Client(resolveOptions({ dsn, ...options }), parseDsn(dsn)!);
  clients.push(client);
  return { client, queued: () => client._transport._queue._toArray() as QueuedEvent[] };
}
afterEach(() => {
  for (const client of clients.splice(0)) client._transport._queue._take(1_000);
});

describe('reportRequest', () => {
  it('sends ordinary request timings as http.client transactions when tracesSampleRate asks for them', () => {
    const { client, queued } = buildClient({ tracesSampleRate: 1 });
    reportRequest(client, {
      method: 'post',
      url: 'https://shop.test/api/checkout',
      status: 200,
      durationMs: 312.4,
    });
    const [event] = queued();
    expect(ingestEventSchema.parse(event)).toMatchObject({
      type: 'transaction',
      request: { method: 'POST', url: 'https://shop.test/api/checkout', status: 200, duration_ms: 312 },
      transaction: { op: 'http.client', sample_rate: 1 },
    });
  });

  it('sends no timing without tracesSampleRate, and a slow call as a network event', () => {
    const { client, queued } = buildClient({ slowRequestMs: 1000 });
    reportRequest(client, { method: 'GET', url: 'https://shop.test/api/cart', status: 200, durationMs: 20 });
    expect(queued()).toHaveLength(0);
    reportRequest(client, {
      method: 'GET',
      url: 'https://shop.test/api/cart',
      status: 200,
      durationMs: 4000,
    });
    expect(queued().map((q) => q.type)).toEqual(['network']);
  });
});
