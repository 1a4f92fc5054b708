import { describe, expect, it } from 'vitest';
import { randomHex } from './ids.ts';
import { SESSION_IDLE_MS, SESSION_SAVE_EVERY_MS, Session } from './session.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  const calls = { get: 0, set: 0 };
  return {
    calls,
    getItem: (k: string) => {
      calls.get++;
      return map.get(k) ?? null;
    },
    setItem: (k: string, v: string) => {
      calls.set++;
      map.set(k, v);
    },
  };
}

describe('randomHex', () => {
  it('makes 32 lowercase hex characters', () => {
    expect(randomHex()).toMatch(/^[0-9a-f]{32}$/);
    expect(randomHex()).not.toBe(randomHex());
  });
});

describe('Session', () => {
  it('keeps the id while active and across instances sharing storage (reloads)', () => {
    const storage = memoryStorage();
    const id = new Session(storage)._touch(1_000);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Session(storage)._touch(1_000 + SESSION_IDLE_MS - 1)).toBe(id);
  });

  it('starts a new session after 30 minutes of inactivity', () => {
    const session = new Session(memoryStorage());
    const first = session._touch(0);
    expect(session._touch(SESSION_IDLE_MS + 1)).not.toBe(first);
  });

  it('reads storage once per page and writes activity at most once a minute, and on page hide', () => {
    const storage = memoryStorage();
    const session = new Session(storage);
    const id = session._touch(1_000);
    for (let t = 1_001; t < 1_000 + SESSION_SAVE_EVERY_MS; t += 5_000) session._touch(t);
    expect(storage.calls).toEqual({ get: 1, set: 1 });
    session._touch(1_000 + SESSION_SAVE_EVERY_MS);
    expect(storage.calls.set).toBe(2);
    session._touch(1_000 + SESSION_SAVE_EVERY_MS + 10_000);
    session._save();
    // A reload judges idleness from the last activity, not from the last periodic write.
    const last = 1_000 + SESSION_SAVE_EVERY_MS + 10_000;
    expect(JSON.parse(storage.getItem('closeloop.session')!)).toEqual({ id, last });
    expect(new Session(storage)._touch(last + SESSION_IDLE_MS - 1)).toBe(id);
  });

  it('works without storage, and when storage throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const a = new Session(undefined);
    expect(a._touch(5)).toBe(a._touch(6));
    const b = new Session(throwing);
    expect(b._touch(5)).toBe(b._touch(6));
  });
});
