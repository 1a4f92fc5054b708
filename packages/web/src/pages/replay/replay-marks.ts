/**
 * What the player shows beside the video, read from the recording itself: Closeloop's SDK records
 * its breadcrumbs and captured events as rrweb custom events (tag `closeloop`), Sentry's SDK as
 * `breadcrumb` / `performanceSpan` custom events; page loads are rrweb Meta events.
 */
export interface RecEvent {
  type: number;
  timestamp: number;
  data?: unknown;
}

export type MarkKind = 'error' | 'frustration' | 'network' | 'navigation' | 'console' | 'event';

export interface Mark {
  /** Position in the recording's marks: a stable React key. */
  id: number;
  at: number;
  kind: MarkKind;
  /** Failed requests, errors and frustration are problems: they go on the timeline in red. */
  problem: boolean;
  text: string;
}

const META = 4;
const CUSTOM = 5;

function closeloopMark(at: number, p: Record<string, unknown>): Omit<Mark, 'id'> | undefined {
  const type = String(p.type ?? '');
  if (p.kind === 'event') {
    const title = String(p.title ?? type);
    if (type === 'error') return { at, kind: 'error', problem: true, text: title };
    if (type === 'rage_click' || type === 'dead_click')
      return { at, kind: 'frustration', problem: true, text: `${type.replace('_', ' ')}: ${title}` };
    if (type === 'network') return { at, kind: 'network', problem: true, text: title };
    if (type === 'console') return { at, kind: 'console', problem: true, text: title };
    return undefined; // vitals, page loads: shown by their own pages
  }
  const message = String(p.message ?? '');
  if (type === 'request') {
    const status = Number((p.data as { status?: number } | undefined)?.status ?? 0);
    return { at, kind: 'network', problem: p.level === 'error' || status >= 400, text: message };
  }
  if (type === 'console') return { at, kind: 'console', problem: p.level === 'error', text: message };
  if (type === 'navigation') return { at, kind: 'navigation', problem: false, text: message };
  if (type === 'click') return { at, kind: 'event', problem: false, text: `click ${message}` };
  return undefined;
}

function sentryMark(at: number, tag: string, p: Record<string, unknown>): Omit<Mark, 'id'> | undefined {
  const payload = (p.payload ?? p) as Record<string, unknown>;
  if (tag === 'breadcrumb') {
    const category = String(payload.category ?? '');
    const message = String(payload.message ?? '');
    if (category === 'console')
      return { at, kind: 'console', problem: payload.level === 'error', text: message };
    if (category === 'navigation')
      return {
        at,
        kind: 'navigation',
        problem: false,
        text: String((payload.data as { to?: string })?.to ?? message),
      };
    if (category === 'ui.slowClickDetected' || category === 'ui.multiClick')
      return { at, kind: 'frustration', problem: true, text: `${category}: ${message}` };
    if (category === 'ui.click') return { at, kind: 'event', problem: false, text: `click ${message}` };
  }
  if (tag === 'performanceSpan') {
    const op = String(payload.op ?? '');
    if (op === 'resource.fetch' || op === 'resource.xhr') {
      const status = Number((payload.data as { statusCode?: number } | undefined)?.statusCode ?? 0);
      return {
        at,
        kind: 'network',
        problem: status >= 400,
        text: `${status || ''} ${payload.description ?? ''}`,
      };
    }
  }
  return undefined;
}

export function marksOf(events: readonly RecEvent[]): Mark[] {
  const out: Omit<Mark, 'id'>[] = [];
  for (const e of events) {
    if (e.type === META) {
      const href = (e.data as { href?: string } | undefined)?.href;
      if (href) out.push({ at: e.timestamp, kind: 'navigation', problem: false, text: href });
    } else if (e.type === CUSTOM) {
      const d = e.data as { tag?: string; payload?: Record<string, unknown> } | undefined;
      if (!d?.payload) continue;
      const m =
        d.tag === 'closeloop'
          ? closeloopMark(e.timestamp, d.payload)
          : sentryMark(e.timestamp, String(d.tag), d.payload);
      if (m) out.push(m);
    }
  }
  return out.sort((a, b) => a.at - b.at).map((m, id) => ({ ...m, id }));
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
