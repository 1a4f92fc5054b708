import { deflateSync, gzipSync } from 'node:zlib';
import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { describe, expect, it } from 'vitest';
import { SentryAuthError } from './auth.ts';
import { BodyTooLarge } from './decompress.ts';
import { InvalidEnvelope, serializeEnvelope } from './envelope.ts';
import { handleEnvelope, handleStore } from './envelope-handler.ts';
import {
  buildBrowserErrorEvent,
  buildNodeMessageEvent,
  buildTransactionEvent,
  EVENT_ID,
  REPLAY_ID,
} from './fixtures.ts';

const query = {
  sentry_key: 'pubkey',
  sentry_version: '7',
  sentry_client: 'sentry.javascript.browser/11.12.0',
};
const opts = { headers: {}, query, projectIdFromPath: '42', receivedAt: 1_714_557_700_000 };

describe('handleEnvelope', () => {
  it('collects every kind of item from one browser envelope', async () => {
    const body = serializeEnvelope({
      header: {
        event_id: EVENT_ID,
        sent_at: '2024-05-01T10:00:01Z',
        sdk: { name: 'sentry.javascript.browser', version: '11.12.0' },
      },
      items: [
        { header: { type: 'event' }, payload: buildBrowserErrorEvent() },
        {
          header: { type: 'attachment', length: 0, filename: 'state.json', content_type: 'application/json' },
          payload: '{"cart":\n[1,2]}',
        },
        {
          header: { type: 'session' },
          payload: {
            sid: 's1',
            init: true,
            started: '2024-05-01T09:59:00Z',
            status: 'ok',
            errors: 1,
            attrs: { release: 'r' },
          },
        },
        {
          header: { type: 'client_report' },
          payload: {
            timestamp: 1714557600,
            discarded_events: [{ reason: 'sample_rate', category: 'transaction', quantity: 5 }],
          },
        },
        {
          header: { type: 'user_report' },
          payload: {
            event_id: EVENT_ID,
            name: 'Ada',
            email: 'ada@example.com',
            comments: 'Pay button broke',
          },
        },
        { header: { type: 'check_in' }, payload: { check_in_id: 'x', status: 'ok' } },
        { header: { type: 'statsd' }, payload: 'a:1|c' },
        { header: { type: 'brand_new_type' }, payload: {} },
      ],
    });
    const result = await handleEnvelope(body, opts);
    expect(result.publicKey).toBe('pubkey');
    expect(result.eventId).toBe(EVENT_ID);
    expect(result.sdk).toEqual({ name: 'sentry.javascript.browser', version: '11.12.0' });
    expect(result.rejected).toEqual([]);
    expect(result.events).toHaveLength(1);
    expect(ingestEventSchema.parse(result.events[0])).toEqual(result.events[0]);
    expect(result.attachments).toEqual([
      {
        eventId: EVENT_ID,
        filename: 'state.json',
        contentType: 'application/json',
        attachmentType: 'event.attachment',
        data: Buffer.from('{"cart":\n[1,2]}'),
      },
    ]);
    expect(result.sessions.updates.map((u) => [u.sid, u.status])).toEqual([['s1', 'ok']]);
    expect(result.clientReports[0]?.discarded).toEqual([
      { reason: 'sample_rate', category: 'transaction', quantity: 5 },
    ]);
    expect(result.feedback).toEqual([
      {
        eventId: EVENT_ID,
        associatedEventId: EVENT_ID,
        name: 'Ada',
        email: 'ada@example.com',
        message: 'Pay button broke',
      },
    ]);
    expect(result.ignoredItemTypes).toEqual(['check_in', 'statsd', 'brand_new_type']);
    expect(result.categories).toEqual({
      error: 1,
      attachment: 1,
      session: 1,
      internal: 1,
      default: 1,
      monitor: 1,
      statsd: 1,
      brand_new_type: 1,
    });
  });

  it('stores replay events and inflates compressed recordings', async () => {
    const rrweb = Buffer.from(
      JSON.stringify([{ type: 4, data: { href: '/checkout' }, timestamp: 1714557600000 }]),
    );
    const recording = Buffer.concat([Buffer.from('{"segment_id":3}\n'), deflateSync(rrweb)]);
    const body = serializeEnvelope({
      header: { event_id: REPLAY_ID, sent_at: '2024-05-01T10:00:01Z' },
      items: [
        {
          header: { type: 'replay_event' },
          payload: { type: 'replay_event', replay_id: REPLAY_ID, segment_id: 3, urls: ['/checkout'] },
        },
        { header: { type: 'replay_recording' }, payload: recording },
      ],
    });
    const result = await handleEnvelope(body, opts);
    expect(result.rejected).toEqual([]);
    expect(result.replays).toEqual([
      { eventId: REPLAY_ID, kind: 'event', payload: expect.objectContaining({ segment_id: 3 }) },
      { eventId: REPLAY_ID, kind: 'recording', segmentId: 3, payload: rrweb },
    ]);
    // No error event in the envelope: the id answered is the envelope's.
    expect(result.eventId).toBe(REPLAY_ID);
  });

  it('maps transactions and streamed spans apart from error events', async () => {
    const body = serializeEnvelope({
      header: {},
      items: [
        { header: { type: 'transaction' }, payload: buildTransactionEvent() },
        {
          header: { type: 'span', item_count: 2, content_type: 'application/vnd.sentry.items.span.v2+json' },
          payload: {
            version: 2,
            items: [
              {
                name: 'GET /api/cart',
                span_id: 'c1',
                trace_id: 't1',
                parent_span_id: 's1',
                start_timestamp: 10,
                end_timestamp: 10.5,
                is_segment: false,
                status: 'ok',
                attributes: {
                  'sentry.op': { value: 'http.client', type: 'string' },
                  'sentry.segment.id': { value: 's1', type: 'string' },
                },
              },
              {
                name: '/checkout',
                span_id: 's1',
                trace_id: 't1',
                start_timestamp: 10,
                end_timestamp: 12,
                is_segment: true,
                status: 'ok',
                attributes: {
                  'sentry.op': { value: 'pageload', type: 'string' },
                  'sentry.release': { value: 'web@1', type: 'string' },
                  'sentry.sdk.name': { value: 'sentry.javascript.browser', type: 'string' },
                  'sentry.sdk.version': { value: '11.12.0', type: 'string' },
                },
              },
            ],
          },
        },
      ],
    });
    const result = await handleEnvelope(body, opts);
    expect(result.events).toEqual([]);
    expect(result.transactions.map((t) => [t.type, t.route])).toEqual([
      ['transaction', '/checkout'],
      ['transaction', '/checkout'],
    ]);
    const streamed = result.transactions[1];
    expect(streamed?.platform).toBe('browser');
    expect(streamed?.release).toBe('web@1');
    expect(streamed?.transaction).toMatchObject({
      op: 'pageload',
      duration_ms: 2000,
      spans: [{ op: 'http.client', duration_ms: 500 }],
    });
    // Same trace and span give the same id, so a retried envelope is idempotent.
    const again = await handleEnvelope(body, opts);
    expect(again.transactions[1]?.event_id).toBe(streamed?.event_id);
    expect(result.eventId).toBe(result.transactions[0]?.event_id);
  });

  it('rejects a bad item and keeps the rest', async () => {
    const body = Buffer.concat([
      Buffer.from(`{"event_id":"${EVENT_ID}"}\n{"type":"event"}\n{broken\n{"type":"session"}\n{"sid":"x"}\n`),
      Buffer.from('{"type":"event"}\n'),
      Buffer.from(JSON.stringify(buildNodeMessageEvent())),
    ]);
    const result = await handleEnvelope(body, opts);
    expect(result.rejected.map((r) => [r.itemIndex, r.itemType, r.error.code])).toEqual([
      [0, 'event', 'invalid'],
      [1, 'session', 'invalid'],
    ]);
    expect(result.rejected[0]?.error).toBeInstanceOf(InvalidEnvelope);
    expect(result.events.map((e) => e.type)).toEqual(['message']);
  });

  it('refuses an attachment without an event id', async () => {
    const body = serializeEnvelope({
      header: {},
      items: [{ header: { type: 'attachment', filename: 'a' }, payload: 'x' }],
    });
    const result = await handleEnvelope(body, opts);
    expect(result.rejected.map((r) => r.itemType)).toEqual(['attachment']);
  });

  it('decodes compressed bodies from the content-encoding header', async () => {
    const body = gzipSync(
      serializeEnvelope({
        header: {},
        items: [{ header: { type: 'event' }, payload: buildBrowserErrorEvent() }],
      }),
    );
    const result = await handleEnvelope(body, { ...opts, headers: { 'content-encoding': 'gzip' } });
    expect(result.events).toHaveLength(1);
  });

  it('authenticates by the envelope dsn when the request carries no key, and checks the project', async () => {
    const envelope = (dsn: string) =>
      serializeEnvelope({
        header: { event_id: EVENT_ID, dsn },
        items: [{ header: { type: 'event' }, payload: { message: 'x' } }],
      });
    const result = await handleEnvelope(envelope('https://dsnkey@closeloop.example.com/42'), {
      ...opts,
      query: {},
    });
    expect(result.auth).toEqual({ publicKey: 'dsnkey', source: 'envelope' });
    await expect(
      handleEnvelope(envelope('https://dsnkey@closeloop.example.com/43'), { ...opts, query: {} }),
    ).rejects.toMatchObject({
      code: 'invalid',
      details: { reason: 'project_mismatch' },
    });
  });

  it('authenticates by X-Sentry-Auth', async () => {
    const body = serializeEnvelope({ header: {}, items: [] });
    const result = await handleEnvelope(body, {
      ...opts,
      query: {},
      headers: {
        'x-sentry-auth': 'Sentry sentry_version=7, sentry_client=sentry.python/2.0.0, sentry_key=hdr',
      },
    });
    expect(result.publicKey).toBe('hdr');
    expect(result.eventId).toBeNull();
  });

  it('fails the whole request for missing auth, a corrupt envelope or an oversized body', async () => {
    const body = serializeEnvelope({ header: {}, items: [{ header: { type: 'event' }, payload: {} }] });
    await expect(handleEnvelope(body, { ...opts, query: {} })).rejects.toBeInstanceOf(SentryAuthError);
    await expect(handleEnvelope(Buffer.from('{"a":'), opts)).rejects.toBeInstanceOf(InvalidEnvelope);
    await expect(
      handleEnvelope(gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20)), {
        ...opts,
        headers: { 'content-encoding': 'gzip' },
        maxBodyBytes: 1024,
      }),
    ).rejects.toBeInstanceOf(BodyTooLarge);
  });
});

describe('handleStore', () => {
  it('maps the legacy single-event JSON', async () => {
    const body = Buffer.from(JSON.stringify(buildNodeMessageEvent()));
    const result = await handleStore(body, {
      ...opts,
      query: {},
      headers: {
        'x-sentry-auth': 'Sentry sentry_version=7, sentry_key=legacy, sentry_client=raven-node/2.6.4',
      },
    });
    expect(result.publicKey).toBe('legacy');
    expect(result.events).toHaveLength(1);
    expect(result.eventId).toBe(result.events[0]?.event_id);
  });

  it('accepts base64 + deflate bodies from old raven clients, and transactions', async () => {
    const legacy = Buffer.from(
      deflateSync(Buffer.from(JSON.stringify(buildBrowserErrorEvent()))).toString('base64'),
    );
    expect((await handleStore(legacy, opts)).events[0]?.event_id).toBe(EVENT_ID);
    const tx = await handleStore(Buffer.from(JSON.stringify(buildTransactionEvent())), opts);
    expect(tx.transactions).toHaveLength(1);
    expect(tx.events).toHaveLength(0);
  });

  it('refuses a body that is not an event', async () => {
    await expect(handleStore(Buffer.from('[1,2]'), opts)).rejects.toMatchObject({ code: 'invalid' });
    await expect(handleStore(Buffer.from('%%%'), opts)).rejects.toMatchObject({ code: 'invalid' });
    await expect(handleStore(Buffer.from('{}'), { ...opts, query: {} })).rejects.toBeInstanceOf(
      SentryAuthError,
    );
  });
});
