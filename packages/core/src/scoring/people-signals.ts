import type { SeverityEvidence, SignalReading } from './evidence.ts';

/** Signals read from what people wrote on the issue. */

const TYPE_STRENGTH: Record<string, number> = {
  incident: 1,
  blocker: 0.9,
  bug: 0.5,
  risk: 0.4,
  task: 0.2,
  feature: 0.1,
};

export function typeSignal(e: SeverityEvidence): SignalReading {
  const strength = TYPE_STRENGTH[e.type] ?? 0.3;
  return {
    key: 'type',
    strength,
    reason: strength >= 0.9 ? e.type : null,
    detail: `Type ${e.type}`,
  };
}

/**
 * Impact (1–5) and likelihood (1–5). For a risk they form the classic risk matrix (impact ×
 * likelihood out of 25); anything else has already happened, so its impact alone counts.
 */
export function riskSignal(e: SeverityEvidence): SignalReading {
  if (e.impact === null) {
    return { key: 'risk', strength: 0, reason: null, detail: 'No impact given' };
  }
  if (e.type === 'risk') {
    const likelihood = e.likelihood ?? 3;
    const cell = e.impact * likelihood;
    return {
      key: 'risk',
      strength: cell / 25,
      reason: `risk ${e.impact}×${likelihood}`,
      detail: `Risk matrix: impact ${e.impact} × likelihood ${likelihood} = ${cell} of 25`,
    };
  }
  return {
    key: 'risk',
    strength: e.impact / 5,
    reason: e.impact >= 4 ? `impact ${e.impact}` : null,
    detail: `Impact ${e.impact} of 5`,
  };
}

const DAY = 86_400_000;

function daysUntil(date: string, now: number): number {
  return (Date.parse(`${date}T23:59:59Z`) - now) / DAY;
}

/** Pressure grows as a due date or the milestone's target nears: half strength a week out, full when overdue. */
export function deadlineSignal(e: SeverityEvidence): SignalReading {
  const candidates: { days: number; what: string }[] = [];
  if (e.dueDate) candidates.push({ days: daysUntil(e.dueDate, e.now), what: 'due' });
  if (e.milestoneDue)
    candidates.push({
      days: daysUntil(e.milestoneDue, e.now),
      what: `milestone ${e.milestoneName ?? ''}`.trim(),
    });
  if (candidates.length === 0)
    return { key: 'deadline', strength: 0, reason: null, detail: 'No due date or milestone' };
  const nearest = candidates.reduce((a, b) => (b.days < a.days ? b : a));
  if (nearest.days < 0) {
    return {
      key: 'deadline',
      strength: 1,
      reason: `${nearest.what} overdue`,
      detail: `${nearest.what} is overdue`,
    };
  }
  const days = Math.max(0, Math.floor(nearest.days));
  const strength = 1 / (1 + nearest.days / 7);
  const when = days === 0 ? 'today' : `in ${days}d`;
  return {
    key: 'deadline',
    strength,
    reason: nearest.days <= 14 ? `${nearest.what} ${when}` : null,
    detail: `${nearest.what} ${when}`,
  };
}

export function blockingSignal(e: SeverityEvidence): SignalReading {
  if (e.blocks <= 0) return { key: 'blocking', strength: 0, reason: null, detail: 'Blocks no open work' };
  return {
    key: 'blocking',
    strength: 1 - Math.exp(-e.blocks / 2),
    reason: `blocks ${e.blocks}`,
    detail: `Blocks ${e.blocks} open issue${e.blocks === 1 ? '' : 's'}`,
  };
}

/** More than one reporter (duplicates merged into it) and +1s: people asking for it. */
export function votesSignal(e: SeverityEvidence): SignalReading {
  const n = Math.max(0, e.reporters - 1) + e.plusOnes;
  if (n <= 0) return { key: 'votes', strength: 0, reason: null, detail: 'No other reporters or +1s' };
  return {
    key: 'votes',
    strength: 1 - Math.exp(-n / 5),
    reason: `${n} +1`,
    detail: `${e.reporters} reporter${e.reporters === 1 ? '' : 's'}, ${e.plusOnes} +1${e.plusOnes === 1 ? '' : 's'}`,
  };
}
