import type { SeverityEvidence, SignalReading } from './evidence.ts';

/** Signals read from what the monitor saw. Each is a plain function of the evidence. */

const HOUR = 3_600_000;
/** Saturating curve: 0 at 0, 1 − 1/e at `scale`, towards 1 beyond. */
const saturate = (x: number, scale: number) => (x <= 0 ? 0 : 1 - Math.exp(-x / scale));
const pct = (share: number) => (share > 0 && share < 0.005 ? '<1%' : `${Math.round(share * 100)}%`);

export function compact(n: number): string {
  if (n >= 10_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k`;
  return String(Math.round(n));
}

/**
 * Reach: a share of the project's users says more than a count (30% of users is grave in any
 * project), but hundreds of users are serious even in a large project, so the stronger wins.
 */
function reach(count: number, total: number, noun: string, key: 'users' | 'sessions'): SignalReading {
  if (count <= 0) return { key, strength: 0, reason: null, detail: `No ${noun} affected` };
  const absolute = Math.min(1, Math.log10(1 + count) / 4);
  const share = total > 0 ? Math.min(1, count / total) : null;
  const strength = share === null ? absolute : Math.max(saturate(share, 0.1), 0.8 * absolute);
  const reason = `${compact(count)} ${count === 1 ? noun.replace(/s$/, '') : noun}${share !== null ? ` (${pct(share)})` : ''}`;
  const detail =
    share === null
      ? `${count} ${noun} affected`
      : `${count} of the ${total} active ${noun} of the project affected (${pct(share)})`;
  return { key, strength, reason, detail };
}

export const usersSignal = (e: SeverityEvidence) => reach(e.users, e.projectUsers, 'users', 'users');
export const sessionsSignal = (e: SeverityEvidence) =>
  reach(e.sessions, e.projectSessions, 'sessions', 'sessions');

function countSince(e: SeverityEvidence, from: number, to: number) {
  let n = 0;
  for (const h of e.hourly) if (h.hour >= from && h.hour < to) n += h.count;
  return n;
}

/** Volume: events in the last hour, on a log scale (1,000 an hour saturates). */
export function rateSignal(e: SeverityEvidence): SignalReading {
  const hourStart = Math.floor(e.now / HOUR) * HOUR;
  const perHour = countSince(e, hourStart - HOUR, hourStart + HOUR);
  const strength = Math.min(1, Math.log10(1 + perHour) / 3);
  return {
    key: 'rate',
    strength,
    reason: perHour > 0 ? `${compact(perHour)} events/h` : null,
    detail: `${perHour} events in the last hour`,
  };
}

const BASELINE_HOURS = 24;
const RECENT_HOURS = 3;

/**
 * Trend against the issue's own baseline: the last three hours against the hourly mean of the 24
 * before them. An issue younger than its baseline window has no baseline; "new" covers it instead.
 * The spike's start is the first recent hour above twice the baseline ("+380% since 12:00").
 */
export function trendSignal(e: SeverityEvidence): SignalReading {
  const hourStart = Math.floor(e.now / HOUR) * HOUR;
  const recentFrom = hourStart - (RECENT_HOURS - 1) * HOUR;
  const baseFrom = recentFrom - BASELINE_HOURS * HOUR;
  if (e.firstSeen === null || e.firstSeen > baseFrom + HOUR) {
    return { key: 'trend', strength: 0, reason: null, detail: 'Too young for a baseline' };
  }
  const baseline = countSince(e, baseFrom, recentFrom) / BASELINE_HOURS;
  // The current hour is partial: scale it to a full hour so a fresh spike is not diluted.
  const elapsed = Math.max(0.25, (e.now - hourStart) / HOUR);
  const recentHours: number[] = [];
  for (let h = recentFrom; h <= hourStart; h += HOUR) {
    const c = countSince(e, h, h + HOUR);
    recentHours.push(h === hourStart ? c / elapsed : c);
  }
  const recent = Math.max(...recentHours);
  const ratio = (recent + 1) / (baseline + 1);
  // Below +25% is ordinary wobble, not a trend.
  const strength = ratio < 1.25 ? 0 : Math.min(1, Math.log2(ratio) / 4);
  if (strength === 0) {
    return {
      key: 'trend',
      strength,
      reason: null,
      detail: `Steady: ${baseline.toFixed(1)} events/h baseline`,
    };
  }
  const firstHot = recentHours.findIndex((c) => c > 2 * baseline + 1);
  const since = firstHot >= 0 ? recentFrom + firstHot * HOUR : recentFrom;
  const at = new Date(since).toISOString().slice(11, 16);
  // Against a near-silent baseline a percentage explodes; a factor reads better from ten times on.
  const change = ratio >= 10 ? `×${Math.round(ratio)}` : `+${Math.round((ratio - 1) * 100)}%`;
  return {
    key: 'trend',
    strength,
    reason: `${change} since ${at}`,
    detail: `${recent.toFixed(0)} events/h against a baseline of ${baseline.toFixed(1)} (${change} since ${at} UTC)`,
  };
}

const LEVEL_STRENGTH: Record<string, number> = {
  fatal: 1,
  error: 0.6,
  warning: 0.25,
  info: 0.1,
  debug: 0.05,
};
/** Console output and slow pages rarely break a task outright; an exception or failed request may. */
const TYPE_FACTOR: Record<string, number> = {
  error: 1,
  network: 0.8,
  rage_click: 0.6,
  dead_click: 0.5,
  transaction: 0.6,
  vital: 0.6,
  message: 0.5,
  console: 0.35,
};

export function levelSignal(e: SeverityEvidence): SignalReading {
  if (e.kind === 'manual') return { key: 'level', strength: 0, reason: null, detail: 'Written by a person' };
  const level = e.unhandled ? 'fatal' : (e.level ?? (e.kind === 'performance' ? 'warning' : 'error'));
  const strength = (LEVEL_STRENGTH[level] ?? 0.3) * (TYPE_FACTOR[e.eventType ?? ''] ?? 0.7);
  const what = e.unhandled ? 'unhandled crash' : `${level} ${e.eventType ?? e.kind}`.replace('_', ' ');
  return {
    key: 'level',
    strength,
    reason: e.unhandled || level === 'fatal' ? 'crash' : null,
    detail: `Level and kind: ${what}`,
  };
}

const DAY = 24 * HOUR;

export function noveltySignal(e: SeverityEvidence): SignalReading {
  if (e.regressedAt !== null && e.now - e.regressedAt < 7 * DAY) {
    return { key: 'novelty', strength: 1, reason: 'regression', detail: 'Came back after it was fixed' };
  }
  if (e.firstSeen !== null && e.now - e.firstSeen < DAY) {
    return { key: 'novelty', strength: 0.6, reason: 'new', detail: 'First seen in the last 24 hours' };
  }
  return { key: 'novelty', strength: 0, reason: null, detail: 'Neither new nor a regression' };
}

export function frustrationSignal(e: SeverityEvidence): SignalReading {
  if (e.sessions <= 0 || e.frustratedSessions <= 0) {
    return { key: 'frustration', strength: 0, reason: null, detail: 'No frustration in its sessions' };
  }
  const share = Math.min(1, e.frustratedSessions / e.sessions);
  return {
    key: 'frustration',
    strength: share,
    reason: `${pct(share)} frustrated`,
    detail: `${e.frustratedSessions} of its ${e.sessions} sessions also show rage or dead clicks`,
  };
}

/**
 * Abandonment of a defined flow beyond what is usual: the affected sessions' abandonment minus that
 * of the unaffected sessions of the same days (a checkout most people leave anyway is no signal).
 */
export function flowSignal(e: SeverityEvidence): SignalReading {
  if (!e.flow || e.flow.abandonedShare <= 0) {
    return { key: 'flow', strength: 0, reason: null, detail: 'No defined flow abandoned' };
  }
  const share = Math.min(1, e.flow.abandonedShare);
  const excess = Math.max(0, share - (e.flow.baselineShare ?? 0));
  const usual = e.flow.baselineShare === null ? '' : ` (others: ${pct(e.flow.baselineShare)})`;
  return {
    key: 'flow',
    strength: Math.min(1, excess / 0.5),
    reason: excess > 0 ? `${pct(share)} abandoned` : null,
    detail: `${pct(share)} of its sessions abandoned the ${e.flow.name} flow${usual}`,
  };
}

/** A pattern starting with `/` is a route prefix (segment-wise); anything else names a component. */
export function matchesCritical(pattern: string, place: string): boolean {
  const p = pattern.trim();
  if (!p) return false;
  if (p.startsWith('/')) {
    const path = place.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0] ?? '';
    const base = p.replace(/\/+$/, '');
    return path === base || path.startsWith(`${base}/`) || (base === '' && path.startsWith('/'));
  }
  return place.toLowerCase().includes(p.toLowerCase());
}

export function criticalSignal(e: SeverityEvidence): SignalReading {
  for (const pattern of e.criticalPatterns) {
    const place = e.places.find((pl) => matchesCritical(pattern, pl));
    if (place) {
      const name = pattern.replace(/^\/+|\/+$/g, '') || pattern;
      return {
        key: 'critical',
        strength: 1,
        reason: name,
        detail: `Touches ${place}, marked critical (${pattern})`,
      };
    }
  }
  return { key: 'critical', strength: 0, reason: null, detail: 'No critical route or component' };
}

/** A problem in a release deployed hours ago is still spreading and likely caused by the deploy. */
export function releaseSignal(e: SeverityEvidence): SignalReading {
  if (e.releaseFirstSeen === null)
    return { key: 'release', strength: 0, reason: null, detail: 'No release known' };
  // Seen "after now" means the clocks disagree (or a replayed past): no age can be told.
  if (e.releaseFirstSeen > e.now)
    return { key: 'release', strength: 0, reason: null, detail: 'Release age unknown' };
  const hours = Math.max(0, (e.now - e.releaseFirstSeen) / HOUR);
  const strength = Math.exp(-hours / 24);
  const age = hours < 1 ? '<1h' : hours < 48 ? `${Math.round(hours)}h` : `${Math.round(hours / 24)}d`;
  return {
    key: 'release',
    strength,
    reason: hours < 24 ? `release ${age} old` : null,
    detail: `Its release first appeared ${age} ago`,
  };
}
