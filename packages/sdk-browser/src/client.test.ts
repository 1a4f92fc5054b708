import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDsn } from '../../sdk-core/src/dsn.ts';
import { Client } from './client.ts';
import { type InitOptions, resolveOptions } from './options.ts';
import type { QueuedEvent } from './transport/transport.ts';

const clients: Client[] = [];

function buildClient(options: Partial<InitOptions> = {}) {
  const dsn = 'https://pk@closeloop.test/1';
  const client = new Client(resolveOptions({ dsn, ...options }), parseDsn(dsn)!);
  clients.push(client);
  const queued = () => client._transport._queue._toArray() as QueuedEvent[];
  return { client, queued };
}

// Empty the queues so the batching timer finds nothing to send: these tests make no requests.
afterEach(() => {
  for (const client of clients.splice(0)) client._transport._queue._take(1_000);
});

describe('Client', () => {
  it('builds contract-valid events with the scope it was given', () => {
    const { client, queued } = buildClient({ release: 'r1', environment: 'prod', user: { id: 'u1' } });
    client.setTag('area', 'checkout');
    client.addBreadcrumb({ type: 'click', message: 'button#pay' });
    const id = client.captureException(new TypeError('bad total'));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const [event] = queued();
    expect(ingestEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      type: 'error',
      release: 'r1',
      environment: 'prod',
      user: { id: 'u1' },
      tags: { area: 'checkout' },
      exception: { type: 'TypeError', value: 'bad total', mechanism: { type: 'generic', handled: true } },
    });
    expect(event?.breadcrumbs).toHaveLength(1);
  });

  it('applies sampleRate to errors and messages but always keeps vitals and page loads', () => {
    const { client, queued } = buildClient({ sampleRate: 0 });
    expect(client.captureMessage('dropped')).toBeUndefined();
    expect(client.captureException(new Error('dropped'))).toBeUndefined();
    client._capture({ type: 'vital', vital: { name: 'LCP', value: 1 } });
    client._capture({ type: 'page_load', timing: {} });
    expect(queued().map((e) => e.type)).toEqual(['vital', 'page_load']);
  });

  it('ignores errors thrown from ignoreUrls', () => {
    const { client, queued } = buildClient({ ignoreUrls: [/extension:\/\//] });
    const error = new Error('from an extension');
    error.stack = 'Error: from an extension\n    at x (chrome-extension://abc/content.js:1:1)';
    expect(client.captureException(error)).toBeUndefined();
    expect(queued()).toEqual([]);
  });

  it('truncates oversized breadcrumb messages and user values so the event stays valid', () => {
    const { client, queued } = buildClient();
    client.setUser({ id: 'x'.repeat(5_000) });
    client.addBreadcrumb({ message: 'y'.repeat(20_000) });
    client.captureMessage('hello');
    expect(ingestEventSchema.safeParse(queued()[0]).success).toBe(true);
  });

  it('never throws on odd input', () => {
    const { client, queued } = buildClient();
    expect(() => client.captureException(Object.create(null))).not.toThrow();
    expect(() => client.setTag(Symbol('x') as unknown as string, 'v')).not.toThrow();
    expect(ingestEventSchema.safeParse(queued()[0]).success).toBe(true);
  });

  it('captures nothing after close()', async () => {
    const { client, queued } = buildClient();
    await client.close(); // nothing queued, so nothing is sent
    expect(client._capture({ type: 'vital', vital: { name: 'CLS', value: 0 } })).toBeUndefined();
    expect(queued()).toEqual([]);
  });

  it('recognises its own ingest URL', () => {
    const { client } = buildClient();
    expect(client._isIngestUrl('https://closeloop.test/api/ingest/v1/events?key=pk')).toBe(true);
    expect(client._isIngestUrl('https://closeloop.test/api/issues')).toBe(false);
  });
});
