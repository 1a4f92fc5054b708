import { describe, expect, it } from 'vitest';
import { type ChunkContent, MAX_CHUNK_EVENTS, ReplayBuffer } from './replay-buffer.ts';

const ev = (timestamp: number, type = 3) => ({ type, timestamp });

describe('replay buffer', () => {
  it('sends everything in session mode, one chunk per flush, with the signals counted', () => {
    const sent: ChunkContent[] = [];
    const b = new ReplayBuffer('session', (c) => sent.push(c));
    b._add(ev(1, 2));
    b._add(ev(2));
    b._signal('error');
    b._flush();
    b._flush(); // nothing new: no empty chunk
    b._add(ev(3));
    b._signal('frustration');
    b._flush();
    expect(sent.map((c) => c.events.map((e) => e.timestamp))).toEqual([[1, 2], [3]]);
    expect(sent.map((c) => [c.errors, c.frustrations, c.trigger])).toEqual([
      [1, 0, 'session'],
      [0, 1, 'session'],
    ]);
  });

  it('closes a chunk early when it holds too many events', () => {
    const sent: ChunkContent[] = [];
    const b = new ReplayBuffer('session', (c) => sent.push(c));
    for (let i = 0; i < MAX_CHUNK_EVENTS + 1; i++) b._add(ev(i));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.events).toHaveLength(MAX_CHUNK_EVENTS);
  });

  it('in buffer mode sends nothing until a signal, then the last two checkouts and everything after', () => {
    const sent: ChunkContent[] = [];
    const b = new ReplayBuffer('buffer', (c) => sent.push(c));
    b._add(ev(0, 2)); // first full snapshot
    b._add(ev(10));
    b._add(ev(60_000, 2), true); // checkout: [0, 10] becomes the previous segment
    b._add(ev(60_010));
    b._add(ev(120_000, 2), true); // checkout: [0, 10] is dropped
    b._add(ev(120_010));
    b._flush();
    expect(sent).toEqual([]);
    expect(b._size).toBe(4);

    b._signal('frustration');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.events.map((e) => e.timestamp)).toEqual([60_000, 60_010, 120_000, 120_010]);
    expect(sent[0]).toMatchObject({ trigger: 'error', frustrations: 1 });
    // From now on the session is recorded like a sampled one.
    b._add(ev(130_000));
    b._flush();
    expect(sent[1]!.events.map((e) => e.timestamp)).toEqual([130_000]);
    expect(b._mode).toBe('session');
  });

  it('sends the buffer with a report (trigger report), and in session mode closes the chunk at once', () => {
    const sent: ChunkContent[] = [];
    const b = new ReplayBuffer('buffer', (c) => sent.push(c));
    b._add(ev(0, 2));
    b._add(ev(10));
    b._signal('report');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ trigger: 'report', errors: 0, frustrations: 0 });
    expect(sent[0]!.events.map((e) => e.timestamp)).toEqual([0, 10]);
    b._add(ev(20));
    b._signal('report');
    expect(sent[1]!.events.map((e) => e.timestamp)).toEqual([20]);
  });
});
