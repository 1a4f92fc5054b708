import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  defaultCompress,
  FLUSH_AT_EVENTS,
  MAX_QUEUED_EVENTS,
  type QueuedEvent,
  Transport,
} from './transport.ts';

interface Call {
  url: string;
  init: RequestInit;
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function setup(
  answers: Array<number | [number, Record<string, string>] | Error>,
  {
    storage = memoryStorage(),
    ...extra
  }: { storage?: ReturnType<typeof memoryStorage> } & Record<string, unknown> = {},
) {
  const calls: Call[] = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  let clock = 1_000_000;
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? 202;
    if (answer instanceof Error) throw answer;
    const [status, headers] = Array.isArray(answer) ? answer : [answer, {}];
    return new Response(status === 202 ? '{"accepted":1,"rejected":[]}' : null, { status, headers });
  }) as unknown as typeof fetch;
  const transport = new Transport({
    url: 'https://ingest.test/api/ingest/v1/events?key=k',
    sdk: { name: 'closeloop-browser', version: '0.1.0' },
    fetch: fetchImpl,
    storage: () => storage,
    storageKey: 'q',
    now: () => clock,
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => {
      const i = timers.indexOf(t as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    ...extra,
  });
  return {
    transport,
    calls,
    timers,
    storage,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const event = (n: number): QueuedEvent => ({ event_id: n.toString(16).padStart(32, '0'), type: 'message' });
const sentIds = (call: Call | undefined) =>
  (JSON.parse(String(call?.init.body)) as { events: QueuedEvent[] }).events.map((e) => e.event_id);

describe('Transport', () => {
  it('batches: waits for the interval, then sends one v1 batch', async () => {
    const t = setup([]);
    t.transport._add(event(1));
    t.transport._add(event(2));
    expect(t.calls).toHaveLength(0);
    expect(t.timers[0]?.ms).toBe(5_000);
    expect(await t.transport.flush()).toBe(true);
    expect(t.calls).toHaveLength(1);
    const body = JSON.parse(String(t.calls[0]?.init.body));
    expect(body).toMatchObject({ v: 1, sdk: { name: 'closeloop-browser' } });
    expect(body.events).toHaveLength(2);
    expect(t.calls[0]?.url).toBe('https://ingest.test/api/ingest/v1/events?key=k');
  });

  it('sends immediately at 20 events', async () => {
    const t = setup([]);
    for (let i = 0; i < FLUSH_AT_EVENTS; i++) t.transport._add(event(i));
    await t.transport.flush();
    expect(t.calls).toHaveLength(1);
    expect(sentIds(t.calls[0])).toHaveLength(FLUSH_AT_EVENTS);
  });

  it('honours 429 Retry-After: keeps the batch, waits, then resends the same events', async () => {
    const t = setup([[429, { 'Retry-After': '2' }]]);
    t.transport._add(event(1));
    expect(await t.transport.flush()).toBe(false);
    expect(t.transport._queue._size).toBe(1);
    expect(t.timers.at(-1)?.ms).toBe(2_000);
    // Asked again too early: nothing is sent.
    expect(await t.transport.flush()).toBe(false);
    expect(t.calls).toHaveLength(1);
    t.advance(2_000);
    expect(await t.transport.flush()).toBe(true);
    expect(sentIds(t.calls[1])).toEqual(sentIds(t.calls[0]));
  });

  it('backs off exponentially on network errors and 500s, and persists the queue meanwhile', async () => {
    const t = setup([new TypeError('Failed to fetch'), 500]);
    t.transport._add(event(1));
    expect(await t.transport.flush()).toBe(false);
    expect(t.timers.at(-1)?.ms).toBe(750); // attempt 0: 1 s * (0.5 + 0.5 * 0.5)
    expect(JSON.parse(t.storage.map.get('q') ?? '[]')).toHaveLength(1);
    t.advance(750);
    expect(await t.transport.flush()).toBe(false);
    expect(t.timers.at(-1)?.ms).toBe(1_500);
    t.advance(1_500);
    expect(await t.transport.flush()).toBe(true);
    expect(t.storage.map.has('q')).toBe(false);
  });

  it('drops a batch answered with another 4xx', async () => {
    const t = setup([400]);
    t.transport._add(event(1));
    expect(await t.transport.flush()).toBe(true);
    expect(t.transport._queue._size).toBe(0);
  });

  it('bounds the offline queue, drops oldest and reports the count on the next batch', async () => {
    const t = setup([]);
    t.advance(0);
    for (let i = 0; i < MAX_QUEUED_EVENTS + 5; i++) t.transport._queue._push(event(i));
    expect(t.transport._queue._size).toBe(MAX_QUEUED_EVENTS);
    await t.transport.flush();
    const first = JSON.parse(String(t.calls[0]?.init.body)).events[0];
    expect(first.extra).toEqual({ sdk_dropped_events: 5 });
    expect(first.event_id).toBe(event(5).event_id);
  });

  it('restores the queue from localStorage when asked, not on start, ahead of events captured meanwhile', async () => {
    const storage = memoryStorage();
    storage.setItem('q', JSON.stringify([event(7), { junk: true }]));
    const t = setup([], { storage });
    // Start reads no storage (the page load does not pay for it); an event captured now waits.
    t.transport._add(event(8));
    expect(t.transport._queue._size).toBe(1);
    expect(storage.map.has('q')).toBe(true);
    t.transport._restore();
    expect(t.transport._queue._size).toBe(2);
    expect(storage.map.has('q')).toBe(false);
    await t.transport.flush();
    expect(sentIds(t.calls[0])).toEqual([event(7).event_id, event(8).event_id]);
  });

  it('restores the stored queue before sending, so stored events are neither lost nor overwritten', async () => {
    const stored = (n: number) => {
      const storage = memoryStorage();
      storage.setItem('q', JSON.stringify([event(n)]));
      return storage;
    };
    // Page hidden before the idle restore ran: the stored event goes out with the new one.
    const hidden = setup([], { storage: stored(7) });
    hidden.transport._add(event(8));
    hidden.transport._flushOnHide();
    expect(sentIds(hidden.calls[0])).toEqual([event(7).event_id, event(8).event_id]);

    const flushed = setup([], { storage: stored(9) });
    flushed.transport._add(event(10));
    await flushed.transport.flush();
    expect(sentIds(flushed.calls[0])).toEqual([event(9).event_id, event(10).event_id]);
  });

  it('gzips bodies over 1 KB when a compressor is available', async () => {
    const compress = defaultCompress();
    expect(compress).toBeDefined();
    const t = setup([], { compress });
    for (let i = 0; i < 10; i++) t.transport._add({ ...event(i), message: { formatted: 'x'.repeat(200) } });
    await t.transport.flush();
    const init = t.calls[0]!.init;
    expect((init.headers as Record<string, string>)['Content-Encoding']).toBe('gzip');
    const json = JSON.parse(gunzipSync(Buffer.from(init.body as ArrayBuffer)).toString());
    expect(json.events).toHaveLength(10);
  });

  it('on hide sends with keepalive, uncompressed, in chunks under 60 KB', async () => {
    const t = setup([], { compress: defaultCompress() });
    for (let i = 0; i < 30; i++) t.transport._queue._push({ ...event(i), extra: { pad: 'y'.repeat(4_000) } });
    t.transport._flushOnHide();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.calls.length).toBeGreaterThanOrEqual(1);
    expect(t.calls[0]?.init.keepalive).toBe(true);
    expect(typeof t.calls[0]?.init.body).toBe('string');
    expect(String(t.calls[0]?.init.body).length).toBeLessThanOrEqual(60_000);
  });

  it('on hide falls back to sendBeacon with text/plain beyond the keepalive budget', async () => {
    const beacons: Blob[] = [];
    const t = setup([], {
      sendBeacon: (_url: string, data: Blob) => {
        beacons.push(data);
        return true;
      },
    });
    for (let i = 0; i < 30; i++) t.transport._queue._push({ ...event(i), extra: { pad: 'y'.repeat(4_000) } });
    t.transport._flushOnHide();
    expect(t.calls).toHaveLength(1); // one keepalive request fills the 60 KB budget
    expect(beacons.length).toBeGreaterThanOrEqual(1);
    expect(beacons[0]?.type).toBe('text/plain');
    const ids = [...sentIds(t.calls[0])];
    for (const b of beacons)
      ids.push(...JSON.parse(await b.text()).events.map((e: QueuedEvent) => e.event_id));
    expect(new Set(ids).size).toBe(30);
    expect(t.transport._queue._size).toBe(0);
  });

  it('on hide while rate limited keeps everything in localStorage', async () => {
    const t = setup([[503, { 'Retry-After': '60' }]]);
    t.transport._add(event(1));
    await t.transport.flush();
    t.transport._add(event(2));
    t.transport._flushOnHide();
    expect(t.calls).toHaveLength(1);
    expect(JSON.parse(t.storage.map.get('q') ?? '[]')).toHaveLength(2);
  });
});
