import { PRIORITIES, type Priority } from '@closeloop/shared/issue-fields';
import { type SeverityEvidence, SIGNAL_KEYS, type SignalKey, type SignalReading } from './evidence.ts';
import {
  criticalSignal,
  flowSignal,
  frustrationSignal,
  levelSignal,
  noveltySignal,
  rateSignal,
  releaseSignal,
  sessionsSignal,
  trendSignal,
  usersSignal,
} from './machine-signals.ts';
import { blockingSignal, deadlineSignal, riskSignal, typeSignal, votesSignal } from './people-signals.ts';

const SIGNALS: Record<SignalKey, (e: SeverityEvidence) => SignalReading> = {
  users: usersSignal,
  sessions: sessionsSignal,
  rate: rateSignal,
  trend: trendSignal,
  level: levelSignal,
  novelty: noveltySignal,
  frustration: frustrationSignal,
  flow: flowSignal,
  critical: criticalSignal,
  release: releaseSignal,
  type: typeSignal,
  risk: riskSignal,
  deadline: deadlineSignal,
  blocking: blockingSignal,
  votes: votesSignal,
};

export type Weights = Record<SignalKey, number>;

/**
 * Points a signal gives at full strength. Chosen by judgement, not fitted: reach and a risk's
 * matrix weigh most, a critical route and a deadline next, volume least (volume alone is usually
 * noise). A project's learned model may replace them (priority-model.ts).
 */
export const DEFAULT_WEIGHTS: Weights = {
  users: 25,
  sessions: 8,
  rate: 6,
  trend: 12,
  level: 10,
  novelty: 6,
  frustration: 8,
  flow: 10,
  critical: 15,
  release: 4,
  type: 8,
  risk: 30,
  deadline: 15,
  blocking: 10,
  votes: 8,
};

/** Lower bounds of the score for each proposed priority (none below the first). */
export const PRIORITY_THRESHOLDS: readonly { priority: Priority; from: number }[] = [
  { priority: 'urgent', from: 75 },
  { priority: 'high', from: 50 },
  { priority: 'medium', from: 30 },
  { priority: 'low', from: 12 },
];

export function priorityForScore(score: number): Priority {
  return PRIORITY_THRESHOLDS.find((t) => score >= t.from)?.priority ?? 'none';
}

export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

export interface SignalContribution extends SignalReading {
  points: number;
}

export interface SeverityScore {
  score: number;
  proposedPriority: Priority;
  /** Every signal, strongest contribution first. */
  signals: SignalContribution[];
  /** The top reasons in one line: "412 users (31%) · checkout · +380% since 12:00". */
  reasons: string;
}

/** Each signal's strength, in SIGNAL_KEYS order: the feature vector the model learns from. */
export function readSignals(e: SeverityEvidence): SignalReading[] {
  return SIGNAL_KEYS.map((k) => SIGNALS[k](e));
}

export function featuresOf(readings: readonly SignalReading[]): number[] {
  return SIGNAL_KEYS.map((k) => readings.find((r) => r.key === k)?.strength ?? 0);
}

export function rawScore(features: readonly number[], weights: Weights): number {
  return SIGNAL_KEYS.reduce((s, k, i) => s + weights[k] * (features[i] ?? 0), 0);
}

export function clampScore(raw: number): number {
  return Math.max(0, Math.min(100, Math.round(raw)));
}

export function scoreReadings(
  readings: readonly SignalReading[],
  weights: Weights = DEFAULT_WEIGHTS,
): SeverityScore {
  const signals = readings
    .map((r) => ({ ...r, points: Math.round(weights[r.key] * r.strength * 10) / 10 }))
    .sort((a, b) => b.points - a.points);
  const score = clampScore(signals.reduce((s, c) => s + c.points, 0));
  return { score, proposedPriority: priorityForScore(score), signals, reasons: reasonsLine(signals) };
}

export function scoreIssue(e: SeverityEvidence, weights: Weights = DEFAULT_WEIGHTS): SeverityScore {
  return scoreReadings(readSignals(e), weights);
}

/** The reasons of the contributions that matter (≥ 1 point), biggest first, at most `max`. */
export function reasonsLine(signals: readonly SignalContribution[], max = 4): string {
  return signals
    .filter((s) => s.reason && s.points >= 1)
    .slice(0, max)
    .map((s) => s.reason)
    .join(' · ');
}
