/**
 * What the severity score reads about one issue at one moment. The server gathers it (store
 * queries), the signals turn it into strengths; nothing here touches a database.
 */
export interface SeverityEvidence {
  /** When the score is computed (epoch ms): trends, ages and deadlines are relative to it. */
  now: number;
  kind: string;
  type: string;
  /** Machine-found issues: what the monitor saw. All zero/null for issues written by people. */
  users: number;
  sessions: number;
  /** Distinct users / sessions the project saw in its activity window; 0 when unknown. */
  projectUsers: number;
  projectSessions: number;
  /** Events per hour bucket (start of hour, epoch ms), any order. */
  hourly: readonly { hour: number; count: number }[];
  firstSeen: number | null;
  regressedAt: number | null;
  /** Level and type of the newest sample event, and whether it was an unhandled exception. */
  level: string | null;
  eventType: string | null;
  unhandled: boolean;
  /** Sessions of this issue in which the same user also rage/dead-clicked. */
  frustratedSessions: number;
  /**
   * The defined flow the sessions abandoned most: their abandonment, and that of the other
   * sessions of the same days (null when none entered). Null when the project defines no flows.
   */
  flow: { name: string; abandonedShare: number; baselineShare: number | null } | null;
  /** Route, URL path, culprit and component names the issue touches, matched against critical patterns. */
  places: readonly string[];
  /** The project's critical routes and components (`/checkout`, `PaymentForm`). */
  criticalPatterns: readonly string[];
  /** When the release the issue was last seen in first appeared; null when unknown. */
  releaseFirstSeen: number | null;
  /** Written by people. */
  impact: number | null;
  likelihood: number | null;
  /** 'YYYY-MM-DD' of the issue and of its milestone. */
  dueDate: string | null;
  milestoneDue: string | null;
  milestoneName: string | null;
  /** Open issues this one blocks. */
  blocks: number;
  /** Distinct people who reported it (its reporter and reporters of its duplicates) and +1s. */
  reporters: number;
  plusOnes: number;
}

/** One signal's reading: how strongly it fires (0–1) and how to say so in a few words. */
export interface SignalReading {
  key: SignalKey;
  strength: number;
  /** A few words for the one-line reasons ("412 users (31%)"); null when the signal is silent. */
  reason: string | null;
  /** A sentence for the issue page: what was measured. */
  detail: string;
}

export const SIGNAL_KEYS = [
  'users',
  'sessions',
  'rate',
  'trend',
  'level',
  'novelty',
  'frustration',
  'flow',
  'critical',
  'release',
  'type',
  'risk',
  'deadline',
  'blocking',
  'votes',
] as const;
export type SignalKey = (typeof SIGNAL_KEYS)[number];

export function emptyEvidence(now: number): SeverityEvidence {
  return {
    now,
    kind: 'manual',
    type: 'task',
    users: 0,
    sessions: 0,
    projectUsers: 0,
    projectSessions: 0,
    hourly: [],
    firstSeen: null,
    regressedAt: null,
    level: null,
    eventType: null,
    unhandled: false,
    frustratedSessions: 0,
    flow: null,
    places: [],
    criticalPatterns: [],
    releaseFirstSeen: null,
    impact: null,
    likelihood: null,
    dueDate: null,
    milestoneDue: null,
    milestoneName: null,
    blocks: 0,
    reporters: 0,
    plusOnes: 0,
  };
}
