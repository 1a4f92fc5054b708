import { type Availability, isOutOfOffice, isWorkingAt } from './availability.ts';
import { expertise, type Skills } from './expertise.ts';

export const TEAM_STRATEGIES = ['manual', 'round-robin', 'least-loaded', 'best-match'] as const;
export type TeamStrategy = (typeof TEAM_STRATEGIES)[number];

export interface Candidate {
  userId: number;
  name: string;
  availability: Availability;
  skills: Skills;
  /** Current workload points (workload.ts). */
  load: number;
}

export interface Ranked {
  userId: number;
  name: string;
  /** Could be auto-assigned now (not out of office, not at or over capacity). */
  eligible: boolean;
  score: number;
  load: number;
  capacity: number;
  /** One line for the picker: "expert in label:checkout · 3/10 points". */
  reason: string;
}

export interface Choice {
  userId: number | null;
  /** Why this person, or why nobody (recorded with the assignment, shown on the issue). */
  explanation: string;
  ranking: Ranked[];
}

/**
 * Ranks everyone for an issue: expertise weighed by availability (off-hours count 0.7) and damped
 * by how full they are. People out of office or at capacity sort last and are never auto-assigned.
 */
export function rankCandidates(
  candidates: readonly Candidate[],
  topics: readonly string[],
  now: number,
): Ranked[] {
  const ranked = candidates.map((c): Ranked => {
    const cap = c.availability.capacity;
    const ooo = isOutOfOffice(c.availability, now);
    const full = c.load >= cap;
    const working = isWorkingAt(c.availability, now);
    const exp = expertise(c.skills, topics);
    const fill = cap > 0 ? Math.min(1, c.load / cap) : 1;
    const score = (0.2 + exp.score) * (working ? 1 : 0.7) * (1 - 0.6 * fill);
    const parts: string[] = [];
    if (ooo) parts.push('out of office');
    else if (full) parts.push('at capacity');
    if (exp.best && exp.score > 0) parts.push(`knows ${exp.best.replace(/^[a-z]+:/, '')}`);
    if (!ooo && !working) parts.push('outside working hours');
    parts.push(`load ${fmt(c.load)}/${fmt(cap)}`);
    return {
      userId: c.userId,
      name: c.name,
      eligible: !ooo && !full,
      score: Math.round(score * 1000) / 1000,
      load: c.load,
      capacity: cap,
      reason: parts.join(' · '),
    };
  });
  return ranked.sort(
    (a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.userId - b.userId,
  );
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

/**
 * Picks the person a team's strategy gives the issue to. `lastAssigned` is the round-robin
 * cursor (the member who got the previous issue). Manual teams never pick; if nobody is eligible
 * the answer is null and says who was skipped and why, so the team lead can be told.
 */
export function chooseAssignee(
  strategy: TeamStrategy,
  candidates: readonly Candidate[],
  topics: readonly string[],
  now: number,
  lastAssigned: number | null,
): Choice {
  const ranking = rankCandidates(candidates, topics, now);
  if (strategy === 'manual') return { userId: null, explanation: 'the team assigns by hand', ranking };
  const eligible = ranking.filter((r) => r.eligible);
  if (eligible.length === 0) {
    const why = ranking.map((r) => `${r.name} (${r.reason.split(' · ')[0]})`).join(', ');
    return { userId: null, explanation: `nobody can take it: ${why || 'the team has no members'}`, ranking };
  }
  let pick: Ranked;
  let why: string;
  if (strategy === 'round-robin') {
    const byId = [...eligible].sort((a, b) => a.userId - b.userId);
    pick = byId.find((r) => lastAssigned === null || r.userId > lastAssigned) ?? byId[0]!;
    why = 'next in the round-robin';
  } else if (strategy === 'least-loaded') {
    pick = [...eligible].sort((a, b) => a.load / a.capacity - b.load / b.capacity || a.userId - b.userId)[0]!;
    why = 'least loaded';
  } else {
    pick = eligible[0]!;
    why = 'best match';
  }
  const skipped = ranking.filter((r) => !r.eligible).map((r) => `${r.name} ${r.reason.split(' · ')[0]}`);
  return {
    userId: pick.userId,
    explanation: `${why}: ${pick.name} (${pick.reason})${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`,
    ranking,
  };
}
