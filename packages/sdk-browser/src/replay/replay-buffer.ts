/** What the recorder hands over: an rrweb event (only these two fields matter here). */
export interface RecordedEvent {
  type: number;
  timestamp: number;
}

/**
 * `session`: everything is sent, in chunks. `buffer`: only the last full snapshot before the
 * previous one and what followed is kept (≥ 60 s when snapshots are taken every 60 s), and sent
 * when `trigger()` is called; then it behaves like `session`.
 */
export type ReplayMode = 'session' | 'buffer';

export interface ChunkContent {
  events: RecordedEvent[];
  errors: number;
  frustrations: number;
  trigger: 'session' | 'error' | 'report';
}

/** Events per chunk before it is closed early (a full snapshot counts as one). */
export const MAX_CHUNK_EVENTS = 5_000;

/**
 * The recording's memory, free of rrweb and of the DOM so it can be tested alone. Chunks leave
 * through `send`; the caller decides when a chunk is closed (`flush`, on a timer and on page hide).
 */
export class ReplayBuffer {
  /** Events before the latest checkout (buffer mode only). */
  private _previous: RecordedEvent[] = [];
  private _current: RecordedEvent[] = [];
  private _errors = 0;
  private _frustrations = 0;
  private _trigger: ChunkContent['trigger'] = 'session';

  constructor(
    public _mode: ReplayMode,
    private readonly _send: (chunk: ChunkContent) => void,
  ) {}

  /** `isCheckout`: rrweb took a new full snapshot because `checkoutEveryNms` passed. */
  _add(event: RecordedEvent, isCheckout = false): void {
    if (this._mode === 'buffer' && isCheckout) {
      this._previous = this._current;
      this._current = [];
      this._errors = 0;
      this._frustrations = 0;
    }
    this._current.push(event);
    if (this._mode === 'session' && this._current.length >= MAX_CHUNK_EVENTS) this._flush();
  }

  /**
   * An error or frustration signal was captured (counted), or the user sent a report: in buffer
   * mode the buffer goes out; a report also closes the current chunk, so it is sent with the report.
   */
  _signal(kind: 'error' | 'frustration' | 'report'): void {
    if (kind === 'error') this._errors++;
    else if (kind === 'frustration') this._frustrations++;
    else this._flush();
    if (this._mode === 'buffer') {
      this._mode = 'session';
      this._trigger = kind === 'report' ? 'report' : 'error';
      this._current = [...this._previous, ...this._current];
      this._previous = [];
      this._flush();
    }
  }

  /** Closes the current chunk (session mode); a buffer is never sent by this. */
  _flush(): void {
    if (this._mode !== 'session' || this._current.length === 0) return;
    const chunk: ChunkContent = {
      events: this._current,
      errors: this._errors,
      frustrations: this._frustrations,
      trigger: this._trigger,
    };
    this._current = [];
    this._errors = 0;
    this._frustrations = 0;
    this._send(chunk);
  }

  get _size(): number {
    return this._previous.length + this._current.length;
  }
}
