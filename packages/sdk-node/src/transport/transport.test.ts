import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SendResult } from './http-sender.ts';
import { Transport } from './transport.ts';

function setup(answers: Array<SendResult | Error>, maxQueued?: number) {
  let clock = 1_000_000;
  const sent: Array<{ ids: string[]; headers: Record<string, string>; at: number }> = [];
  const slept: number[] = [];
  const transport = new Transport({
    url: 'http://ingest.test/api/ingest/v1/events?key=k',
    sdk: { name: 'closeloop-node', version: '0.1.0' },
    flushIntervalMs: 60_000,
    ...(maxQueued ? { maxQueued } : {}),
    now: () => clock,
    random: () => 0.5,
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    send: async (body, headers) => {
      const batch = JSON.parse(gunzipSync(body).toString('utf8'));
      sent.push({ ids: batch.events.map((e: { event_id: string }) => e.event_id), headers, at: clock });
      const answer = answers.shift() ?? { status: 202 };
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  return { transport, sent, slept, advance: (ms: number) => (clock += ms) };
}

const ev = (n: number) => JSON.stringify({ event_id: String(n).padStart(32, '0'), type: 'message' });

describe('Transport', () => {
  it('sends queued events as one gzip v1 batch on flush', async () => {
    const t = setup([]);
    t.transport.add(ev(1));
    t.transport.add(ev(2));
    expect(t.sent).toHaveLength(0);
    expect(await t.transport.flush(1_000)).toBe(true);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.ids).toHaveLength(2);
    expect(t.sent[0]?.headers).toMatchObject({
      'content-encoding': 'gzip',
      'content-type': 'application/json',
    });
    await t.transport.close(10);
  });

  it('honours Retry-After on 429: waits exactly that long, then resends the same events', async () => {
    const t = setup([{ status: 429, retryAfter: '3' }]);
    t.transport.add(ev(1));
    expect(await t.transport.flush(10_000)).toBe(true);
    expect(t.slept).toEqual([3_000]);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1]?.ids).toEqual(t.sent[0]?.ids);
    expect((t.sent[1]?.at ?? 0) - (t.sent[0]?.at ?? 0)).toBe(3_000);
    await t.transport.close(10);
  });

  it('gives up a flush whose Retry-After lies beyond its timeout, keeping the events', async () => {
    const t = setup([{ status: 503, retryAfter: '120' }]);
    t.transport.add(ev(1));
    expect(await t.transport.flush(5_000)).toBe(false);
    expect(t.transport.queue._size).toBe(1);
    await t.transport.close(0);
  });

  it('backs off exponentially on network errors and 500s', async () => {
    const t = setup([new Error('ECONNREFUSED'), { status: 0 }, { status: 500 }]);
    t.transport.add(ev(1));
    expect(await t.transport.flush(60_000)).toBe(true);
    // equal jitter with random 0.5: 0.75 × 1 s, 2 s, 4 s
    expect(t.slept).toEqual([750, 1_500, 3_000]);
    expect(t.sent).toHaveLength(4);
    await t.transport.close(10);
  });

  it('drops a batch the server refuses with another 4xx and goes on', async () => {
    const t = setup([{ status: 400 }]);
    t.transport.add(ev(1));
    expect(await t.transport.flush(1_000)).toBe(true);
    expect(t.transport.queue._size).toBe(0);
    t.transport.add(ev(2));
    expect(await t.transport.flush(1_000)).toBe(true);
    expect(t.sent.map((s) => s.ids.length)).toEqual([1, 1]);
    await t.transport.close(10);
  });

  it('keeps at most maxQueued events while the server is away, dropping the oldest', async () => {
    const t = setup([{ status: 503, retryAfter: '60' }], 5);
    for (let i = 0; i < 8; i++) t.transport.add(ev(i));
    expect(t.transport.queue._size).toBe(5);
    expect(t.transport.queue._dropped).toBe(3);
    await t.transport.close(0);
  });

  it('splits a large queue into batches of at most 100 events', async () => {
    const t = setup([]);
    for (let i = 0; i < 250; i++) t.transport.add(ev(i));
    expect(await t.transport.flush(1_000)).toBe(true);
    expect(t.sent.map((s) => s.ids.length)).toEqual([100, 100, 50]);
    await t.transport.close(10);
  });

  it('keeps a batch under the byte limit', async () => {
    const t = setup([]);
    const big = (n: number) =>
      JSON.stringify({ event_id: String(n).padStart(32, '0'), pad: 'x'.repeat(700_000) });
    for (let i = 0; i < 4; i++) t.transport.add(big(i));
    expect(await t.transport.flush(1_000)).toBe(true);
    expect(t.sent.map((s) => s.ids.length)).toEqual([2, 2]);
    await t.transport.close(10);
  });
});
