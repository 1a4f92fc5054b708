import { randomHex } from './ids.ts';

/** A session ends after this much inactivity (same as Google Analytics' default session timeout). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_STORAGE_KEY = 'closeloop.session';

interface StoredSession {
  id: string;
  last: number;
}

/**
 * The session id: random, kept in sessionStorage (one per tab, survives reloads), renewed
 * after SESSION_IDLE_MS without events. Falls back to memory when storage is unavailable
 * (privacy modes, sandboxed iframes).
 */
export class Session {
  private _memory: StoredSession | undefined;

  constructor(private readonly _storage: Pick<Storage, 'getItem' | 'setItem'> | undefined) {}

  /** Returns the current id, starting a new session if the last one went idle, and marks activity. */
  _touch(now: number): string {
    let current = this._read();
    if (!current || now - current.last > SESSION_IDLE_MS || now < current.last - SESSION_IDLE_MS) {
      current = { id: randomHex(16), last: now };
    }
    current.last = now;
    this._write(current);
    return current.id;
  }

  private _read(): StoredSession | undefined {
    try {
      const raw = this._storage?.getItem(SESSION_STORAGE_KEY);
      if (raw) {
        const parsed = JSON.parse(raw) as Partial<StoredSession>;
        if (typeof parsed.id === 'string' && typeof parsed.last === 'number') {
          return { id: parsed.id, last: parsed.last };
        }
      }
    } catch {
      // fall through to memory
    }
    return this._memory;
  }

  private _write(session: StoredSession): void {
    this._memory = session;
    try {
      this._storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    } catch {
      // memory copy is enough
    }
  }
}
