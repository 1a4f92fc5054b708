import { randomHex } from './ids.ts';

/** A session ends after this much inactivity (same as Google Analytics' default session timeout). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_STORAGE_KEY = 'closeloop.session';
/**
 * Activity is written back to storage at most this often (and when the page is hidden): every
 * event used to read and write sessionStorage, a few milliseconds of main thread per page load.
 */
export const SESSION_SAVE_EVERY_MS = 60 * 1000;

interface StoredSession {
  id: string;
  last: number;
}

/**
 * The session id: random, kept in sessionStorage (one per tab, survives reloads), renewed
 * after SESSION_IDLE_MS without events. Storage is read once per page; the tab's copy in memory
 * is the truth after that. Falls back to memory alone when storage is unavailable (privacy modes,
 * sandboxed iframes).
 */
export class Session {
  private _current: StoredSession | undefined;
  private _loaded = false;
  private _savedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly _storage: Pick<Storage, 'getItem' | 'setItem'> | undefined) {}

  /** Returns the current id, starting a new session if the last one went idle, and marks activity. */
  _touch(now: number): string {
    if (!this._loaded) {
      this._loaded = true;
      this._current = this._read();
    }
    let current = this._current;
    if (!current || now - current.last > SESSION_IDLE_MS || now < current.last - SESSION_IDLE_MS) {
      current = { id: randomHex(16), last: now };
      this._current = current;
      this._savedAt = Number.NEGATIVE_INFINITY;
    }
    current.last = now;
    if (now - this._savedAt >= SESSION_SAVE_EVERY_MS) this._save();
    return current.id;
  }

  /** Writes the latest activity (page hide: a reload judges idleness from it). */
  _save(): void {
    if (!this._current) return;
    this._savedAt = this._current.last;
    try {
      this._storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(this._current));
    } catch {
      // the memory copy is enough
    }
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
      // unreadable: a new session
    }
    return undefined;
  }
}
