/**
 * Resolution modes and release-based verification of machine-found fixes (issue 13 §3–4), as
 * plain rules over facts the store gathers: which release a fix is tied to, how releases are
 * ordered, and whether the data after the fix confirm it.
 */

const SEMVER = /^(?:[\w.-]+@)?v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function semver(release: string): [number, number, number, string | null] | null {
  const m = SEMVER.exec(release);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? null] : null;
}

export interface SeenRelease {
  release: string;
  firstSeen: number;
}

/**
 * Release order: semver order when both are semver (a pre-release before its release), else the
 * order in which the project first saw them. Negative when `a` is older.
 */
export function compareReleases(a: SeenRelease, b: SeenRelease): number {
  const x = semver(a.release);
  const y = semver(b.release);
  if (x && y) {
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    if (x[3] !== y[3]) {
      if (x[3] === null) return 1;
      if (y[3] === null) return -1;
      return x[3] < y[3] ? -1 : 1;
    }
    return 0;
  }
  return a.firstSeen - b.firstSeen;
}

export type ResolutionMode = 'now' | 'in_release' | 'next_release';

/**
 * The release a fix is tied to. `now`: the newest release seen so far (the problem is gone from
 * here on); `in_release`: the one named; `next_release`: the first release seen after the
 * resolution — null until it appears, and the issue waits for it.
 */
export function fixReleaseFor(
  mode: ResolutionMode,
  input: { releases: readonly SeenRelease[]; resolvedAt: number; named?: string | null },
): string | null {
  if (mode === 'in_release') return input.named ?? null;
  const sorted = [...input.releases].sort(compareReleases);
  if (mode === 'now') return sorted.filter((r) => r.firstSeen <= input.resolvedAt).at(-1)?.release ?? null;
  const before = sorted.filter((r) => r.firstSeen <= input.resolvedAt).at(-1);
  return (
    sorted.find((r) => r.firstSeen > input.resolvedAt && (!before || compareReleases(r, before) > 0))
      ?.release ?? null
  );
}

/** An event from a release older than the fix is a straggler from a client not yet updated. */
export function isOlderThanFix(event: SeenRelease, fix: SeenRelease): boolean {
  return compareReleases(event, fix) < 0;
}

export interface VerificationPolicy {
  /** Sessions the fixing release (and later ones) must have before the data are believed. */
  minSessions: number;
  /** …or this long since the fixing release was first seen, with at least one session. */
  minHours: number;
  /** After this many days without enough data the issue stays awaiting verification, saying why. */
  maxDays: number;
  /** The fix holds when events per session fall to at most this share of the rate before it. */
  fixedShare: number;
}

export const DEFAULT_VERIFICATION: VerificationPolicy = {
  minSessions: 200,
  minHours: 24,
  maxDays: 7,
  fixedShare: 0.1,
};

/** Sessions and this events, per release. */
export interface ReleaseSignal extends SeenRelease {
  sessions: number;
  events: number;
}

export type VerificationState =
  | 'awaiting_release'
  | 'awaiting_verification'
  | 'stalled'
  | 'verified'
  | 'not_fixed';

export interface Verdict {
  state: VerificationState;
  /** What the decision rests on, in words shown on the issue and the releases page. */
  evidence: string;
}

const HOUR = 3_600_000;

export type TrafficGate<R extends SeenRelease & { sessions: number }> =
  | { verdict: Verdict }
  | { verdict: null; fix: R; before: R[]; after: R[]; sessionsAfter: number };

/**
 * Whether the fixing release (with the later ones) has had enough traffic to be judged: the
 * per-project session minimum, or a day with at least one session. Until then the issue awaits
 * verification; past `maxDays` it stays so, with a note saying what is missing. `more` adds a
 * condition of the signal itself (performance: samples of the slow target).
 */
export function trafficGate<R extends SeenRelease & { sessions: number }>(input: {
  fixRelease: string | null;
  releases: readonly R[];
  now: number;
  policy?: VerificationPolicy;
  more?: (after: readonly R[]) => string | null;
}): TrafficGate<R> {
  const policy = input.policy ?? DEFAULT_VERIFICATION;
  const fix = input.fixRelease ? input.releases.find((r) => r.release === input.fixRelease) : undefined;
  if (!fix)
    return { verdict: { state: 'awaiting_release', evidence: 'The fixing release has not been seen yet' } };
  const after = input.releases.filter((r) => compareReleases(r, fix) >= 0);
  const before = input.releases.filter((r) => compareReleases(r, fix) < 0);
  const sessionsAfter = after.reduce((n, r) => n + r.sessions, 0);
  const elapsed = input.now - fix.firstSeen;
  const enough =
    sessionsAfter >= policy.minSessions || (sessionsAfter > 0 && elapsed >= policy.minHours * HOUR);
  const missing = enough ? (input.more?.(after) ?? null) : null;
  if (enough && missing === null) return { verdict: null, fix, before, after, sessionsAfter };
  if (elapsed >= policy.maxDays * 24 * HOUR) {
    const why = missing
      ? `${missing} after ${policy.maxDays} days`
      : `Only ${sessionsAfter} sessions on ${fix.release} or later after ${policy.maxDays} days (needs ${policy.minSessions} or ${policy.minHours} h of traffic)`;
    return { verdict: { state: 'stalled', evidence: why } };
  }
  return {
    verdict: {
      state: 'awaiting_verification',
      evidence: missing
        ? `${missing} yet`
        : `${sessionsAfter} of ${policy.minSessions} sessions on ${fix.release} or later so far`,
    },
  };
}
const rate = (events: number, sessions: number) => (sessions > 0 ? events / sessions : 0);
/** "4,210 sessions", as the evidence on the issue reads. */
export const sessionCount = (n: number) => n.toLocaleString('en-US');
const fmt = (x: number) => (x >= 0.01 || x === 0 ? x.toFixed(2) : x.toExponential(1));

/**
 * Compares the error rate (events per session) before the fixing release with the rate in it and
 * later releases, once those have enough sessions (or time). Confirmed when the rate fell to
 * `fixedShare` of what it was; not fixed otherwise.
 */
export function verificationVerdict(input: {
  fixRelease: string | null;
  releases: readonly ReleaseSignal[];
  now: number;
  policy?: VerificationPolicy;
}): Verdict {
  const gate = trafficGate(input);
  if (gate.verdict) return gate.verdict;
  const { fix, before, after, sessionsAfter } = gate;
  const sum = (rs: readonly ReleaseSignal[], k: 'sessions' | 'events') => rs.reduce((n, r) => n + r[k], 0);
  const rateBefore = rate(sum(before, 'events'), sum(before, 'sessions'));
  const eventsAfter = sum(after, 'events');
  const rateAfter = rate(eventsAfter, sessionsAfter);
  const words = `events per session ${fmt(rateBefore)} → ${fmt(rateAfter)} over ${sessionCount(sessionsAfter)} sessions on ${fix.release} or later`;
  const fixed =
    eventsAfter === 0 || rateAfter <= rateBefore * (input.policy ?? DEFAULT_VERIFICATION).fixedShare;
  return fixed
    ? { state: 'verified', evidence: `Fixed: ${words}` }
    : { state: 'not_fixed', evidence: `Not fixed: ${words}` };
}

/** A commit a release contains, as the releases API recorded it. */
export interface ReleaseCommit {
  release: string;
  sha: string;
}

/** Short and full SHAs name the same commit when one starts with the other (git's own rule). */
export function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.length >= 7 && y.length >= 7 && (x.startsWith(y) || y.startsWith(x));
}

/**
 * The release that ships a fixing commit: the oldest release recorded with that commit. A project
 * whose releases carry their commits (releases API) waits until one does; a project that never
 * tells which commits a release holds (releases known only from SDK events) gets the first release
 * seen after the commit reached the branch — the best the data can say.
 */
export function fixReleaseForCommit(
  sha: string,
  input: { releases: readonly SeenRelease[]; commits: readonly ReleaseCommit[]; pushedAt: number },
): string | null {
  const containing = new Set(input.commits.filter((c) => sameCommit(c.sha, sha)).map((c) => c.release));
  const shipped = input.releases.filter((r) => containing.has(r.release)).sort(compareReleases)[0];
  if (shipped) return shipped.release;
  if (input.commits.length > 0) return null;
  return fixReleaseFor('next_release', { releases: input.releases, resolvedAt: input.pushedAt });
}
