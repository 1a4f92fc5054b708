import type { ReplayChunkInput, ReplayMark } from '@closeloop/shared/ingest/replay';
import { record } from 'rrweb';
import type { Client } from '../client.ts';
import { debugLog } from '../debug.ts';
import { guarded } from '../guard.ts';
import { randomHex } from '../ids.ts';
import type { ReplayOptions } from '../options.ts';
import { defaultCompress, type QueuedEvent, Transport } from '../transport/transport.ts';
import { truncate } from '../truncate.ts';
import { scrubUrl } from '../url.ts';
import { SDK_NAME, SDK_VERSION } from '../version.ts';
import { type RecordedEvent, ReplayBuffer, type ReplayMode } from './replay-buffer.ts';

export const REPLAY_PATH = '/api/ingest/v1/replays';
/** Full snapshot interval in buffer mode: the buffer holds between one and two of these. */
export const BUFFER_MS = 60_000;
/** A chunk is closed and queued this often while a session is recorded. */
export const CHUNK_MS = 10_000;
/** Same string as REPLAY_CUSTOM_TAG in shared/ingest/replay.ts (not imported: that module pulls zod). */
const MARK_TAG = 'closeloop';
const STATE_KEY = 'closeloop.replay';
/** rrweb's event type of the page's URL and size. */
const META = 4;

/** Always masked or blocked, on top of the page's own selectors. */
const MASK_TEXT = '[data-closeloop-mask]';
const BLOCK = '[data-closeloop-block]';

interface ReplayState {
  sid: string;
  mode: ReplayMode | 'off';
  seq: number;
}

function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function rate(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : fallback;
}

/**
 * The sampling decision is made once per session and kept (with the chunk counter) in
 * sessionStorage, so a recorded session stays recorded across page loads and its chunks keep
 * one sequence.
 */
function loadState(sid: string, options: ReplayOptions, storage: Storage | undefined): ReplayState {
  try {
    const saved = JSON.parse(storage?.getItem(STATE_KEY) ?? 'null') as ReplayState | null;
    if (saved && saved.sid === sid && typeof saved.seq === 'number') return saved;
  } catch {
    // unreadable: decide again
  }
  const mode =
    Math.random() < rate(options.sessionSampleRate, 0)
      ? 'session'
      : Math.random() < rate(options.onErrorSampleRate, 1)
        ? 'buffer'
        : 'off';
  return { sid, mode, seq: 0 };
}

function join(always: string, extra: string | undefined): string {
  return extra ? `${always},${extra}` : always;
}

/** A short description of a captured event, shown on the player's timeline. */
function markOf(event: Record<string, unknown>): ReplayMark {
  const e = event as {
    type: string;
    event_id: string;
    level?: string;
    exception?: { type: string; value?: string };
    message?: { formatted?: string };
    request?: { method: string; url: string; status?: number };
    click?: { selector: string };
    url?: string;
  };
  const title = e.exception
    ? `${e.exception.type}: ${e.exception.value ?? ''}`
    : e.request
      ? `${e.request.method} ${e.request.url} ${e.request.status ?? ''}`
      : e.click
        ? e.click.selector
        : (e.message?.formatted ?? e.url ?? '');
  const mark: ReplayMark = { kind: 'event', type: e.type, id: e.event_id, title: truncate(title, 300) };
  if (e.level) mark.level = e.level;
  return mark;
}

/**
 * Starts recording for `client` when this session is sampled; returns the teardown. The chunks
 * go through their own Transport (same batching, gzip, backoff and Retry-After handling as
 * events) to POST /api/ingest/v1/replays; they are not kept in localStorage (too big).
 */
export function startReplay(client: Client, options: ReplayOptions): (() => void) | undefined {
  const storage = sessionStore();
  const sid = client._session._touch(Date.now());
  const state = loadState(sid, options, storage);
  const save = () => {
    try {
      storage?.setItem(STATE_KEY, JSON.stringify(state));
    } catch {
      // the in-memory state still numbers this page's chunks
    }
  };
  save();
  if (__DEBUG__) debugLog('replay', state.mode);
  if (state.mode === 'off') return undefined;

  const nav = globalThis.navigator;
  const transport = new Transport({
    url: `${client.dsn.origin}${REPLAY_PATH}?key=${encodeURIComponent(client.dsn.publicKey)}`,
    sdk: { name: SDK_NAME, version: SDK_VERSION },
    fetch: typeof fetch === 'function' ? fetch.bind(globalThis) : undefined,
    sendBeacon: typeof nav?.sendBeacon === 'function' ? nav.sendBeacon.bind(nav) : undefined,
    storageKey: '',
    compress: defaultCompress(),
  });

  let chunkStart = Date.now();
  const buffer = new ReplayBuffer(state.mode, (content) => {
    const first = content.events[0]?.timestamp ?? Date.now();
    const last = content.events.at(-1)?.timestamp ?? first;
    const o = client.options;
    const chunk: ReplayChunkInput = {
      event_id: randomHex(16),
      session_id: state.sid,
      seq: state.seq++,
      started_at: Math.min(first, chunkStart),
      ended_at: Math.max(last, first),
      url: truncate(scrubUrl(globalThis.location?.href ?? ''), 4_000),
      errors: content.errors,
      frustrations: content.frustrations,
      trigger: content.trigger,
      events: content.events as ReplayChunkInput['events'],
    };
    if (o.release) chunk.release = o.release;
    if (o.environment) chunk.environment = o.environment;
    if (client._user) chunk.user = client._user;
    chunkStart = Date.now();
    state.mode = buffer._mode;
    save();
    transport._add(chunk as unknown as QueuedEvent);
  });

  const stopRecording = record({
    emit: (event, isCheckout) =>
      guarded(() => {
        const e = event as RecordedEvent & { data?: { href?: string } };
        // The page URL in rrweb's Meta event gets the same scrubbing as every URL the SDK sends.
        if (e.type === META && e.data?.href) e.data.href = scrubUrl(e.data.href);
        buffer._add(e, isCheckout === true);
      }),
    maskAllInputs: options.maskAllInputs !== false,
    maskInputOptions: { password: true },
    maskTextSelector: join(MASK_TEXT, options.maskTextSelector),
    blockSelector: join(BLOCK, options.blockSelector),
    ...(state.mode === 'buffer' ? { checkoutEveryNms: BUFFER_MS } : {}),
    slimDOMOptions: 'all',
    recordCanvas: false,
    collectFonts: false,
    inlineImages: false,
    // Every input event, not only 'change' ('last'): a field's value then reaches the replay as it is
    // typed, not when the field loses focus, which a click that hides the form fires only after the
    // click itself (the replay showed an empty password at the "Place order" click). Values are masked.
    sampling: { mousemove: 50, scroll: 150 },
  });

  const observe = (kind: 'event' | 'crumb', data: Record<string, unknown>) =>
    guarded(() => {
      const mark: ReplayMark =
        kind === 'event' ? markOf(data) : ({ kind: 'crumb', ...data } as unknown as ReplayMark);
      record.addCustomEvent(MARK_TAG, mark);
      const type = data.type;
      if (kind === 'event' && type === 'error') buffer._signal('error');
      else if (kind === 'event' && (type === 'rage_click' || type === 'dead_click'))
        buffer._signal('frustration');
    });
  // The client is wrapped here rather than given hooks, so the core build carries no replay code.
  const capture = client._capture;
  const addBreadcrumb = client.addBreadcrumb;
  const flushEvents = client.flush;
  client._capture = (payload) => {
    const id = capture.call(client, payload);
    if (id) observe('event', { ...payload, event_id: id });
    return id;
  };
  client.addBreadcrumb = (crumb) => {
    addBreadcrumb.call(client, crumb);
    observe('crumb', crumb as Record<string, unknown>);
  };
  const flush = () => {
    buffer._flush();
    return transport.flush();
  };
  client.flush = () => Promise.all([flushEvents.call(client), flush()]).then(([a, b]) => a && b);

  // The feedback widget sends the recording (the buffered last minute too) with a report.
  client._flushReplay = () => {
    buffer._signal('report');
    void transport.flush();
    return true;
  };

  const timer = setInterval(() => guarded(() => buffer._flush()), CHUNK_MS);
  const onHide = (event: Event) =>
    guarded(() => {
      if (event.type === 'pagehide' || document.visibilityState === 'hidden') {
        buffer._flush();
        transport._flushOnHide();
      }
    });
  const signal = client._signal;
  addEventListener('visibilitychange', onHide, { signal });
  addEventListener('pagehide', onHide, { signal });

  return () => {
    clearInterval(timer);
    client._capture = capture;
    client.addBreadcrumb = addBreadcrumb;
    client.flush = flushEvents;
    client._flushReplay = undefined;
    stopRecording?.();
    void flush();
  };
}
