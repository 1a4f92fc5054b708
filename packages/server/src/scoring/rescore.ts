import { type SeverityEvidence, SIGNAL_KEYS } from '@closeloop/core/scoring/evidence';
import {
  DEFAULT_WEIGHTS,
  featuresOf,
  type SignalContribution,
  scoreIssue,
  type Weights,
} from '@closeloop/core/scoring/severity';
import { PRIORITY_RANK } from '@closeloop/shared/issue-fields';
import { flowImpact } from '../commands/performance.ts';
import type { Store } from '../store/db.ts';
import { gatherEvidence } from '../store/severity-evidence-store.ts';
import { issuesToRescore, projectScoring, saveSeverity, severityOf } from '../store/severity-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { saveTriage, triageRowsOf } from '../store/triage-store.ts';

/** A project's weights: its adopted learned model, else the defaults (keys it lacks fall back too). */
export function weightsFrom(json: string | null): Weights {
  if (!json) return DEFAULT_WEIGHTS;
  const parsed = JSON.parse(json) as Partial<Weights>;
  return Object.fromEntries(SIGNAL_KEYS.map((k) => [k, parsed[k] ?? DEFAULT_WEIGHTS[k]])) as Weights;
}

/**
 * Recomputes one issue's score from fresh evidence and stores it with every signal's points. A
 * snoozed issue whose users or events reached its wake point goes back into the triage queue.
 */
export async function rescoreIssue(tx: Tx, issueId: number, now: number) {
  const evidence = await gatherEvidence(tx, issueId, now);
  if (!evidence) return null;
  evidence.flow = await worstFlow(tx, evidence.projectId, evidence.groupIds);
  const scoring = await projectScoring(tx, evidence.projectId);
  const result = scoreIssue(evidence, weightsFrom(scoring.weights));
  await saveSeverity(tx, {
    issue_id: issueId,
    project_id: evidence.projectId,
    score: result.score,
    proposed_priority: PRIORITY_RANK[result.proposedPriority],
    signals: JSON.stringify(result.signals),
    reasons: result.reasons,
    model: scoring.weights ? 'learned' : 'default',
    computed_at: now,
    stale: 0,
  });
  const triage = (await triageRowsOf(tx, [issueId])).get(issueId);
  if (
    triage?.state === 'snoozed' &&
    ((triage.wake_users !== null && evidence.totals.users >= triage.wake_users) ||
      (triage.wake_events !== null && evidence.totals.events >= triage.wake_events))
  ) {
    await saveTriage(tx, {
      ...triage,
      state: 'untriaged',
      snoozed_until: null,
      wake_users: null,
      wake_events: null,
      decided_by: null,
      decided_at: now,
    });
  }
  return result;
}

/**
 * The project's defined flow (commands/performance.ts) that the issue's sessions abandoned most
 * beyond the other sessions of the same days; null when the project defines none.
 */
async function worstFlow(tx: Tx, projectId: number, groupIds: readonly number[]) {
  let worst: SeverityEvidence['flow'] = null;
  for (const groupId of groupIds) {
    for (const f of await flowImpact(tx, projectId, groupId)) {
      if (f.affected.abandonment === null) continue;
      const candidate = {
        name: f.name,
        abandonedShare: f.affected.abandonment,
        baselineShare: f.unaffected.abandonment,
      };
      const excess = (x: NonNullable<typeof worst>) => x.abandonedShare - (x.baselineShare ?? 0);
      if (!worst || excess(candidate) > excess(worst)) worst = candidate;
    }
  }
  return worst;
}

/** The stored score of an issue, computing it first when there is none yet. */
export async function currentSeverity(tx: Tx, issueId: number, now: number) {
  let row = await severityOf(tx, issueId);
  if (!row) {
    await rescoreIssue(tx, issueId, now);
    row = await severityOf(tx, issueId);
  }
  if (!row) return null;
  const signals = JSON.parse(row.signals) as SignalContribution[];
  return { row, signals, features: featuresOf(signals) };
}

/**
 * People edits: rescore right after the edit committed, so the issue page shows the new score. The
 * edit has already succeeded; should scoring fail, the worker's next pass redoes the missing score.
 */
export async function rescoreNow(store: Store, issueIds: readonly number[], now = Date.now()) {
  for (const id of issueIds) {
    try {
      await inTransaction(store, (tx) => rescoreIssue(tx, id, now));
    } catch (err) {
      console.error(`severity: could not rescore issue ${id}`, err);
    }
  }
}

/** Worker pass: open issues with new evidence or no score yet, a bounded batch at a time. Returns how many. */
export async function rescoreStale(store: Store, now: number, limit = 200): Promise<number> {
  const ids = await issuesToRescore(store, limit);
  for (const id of ids) await inTransaction(store, (tx) => rescoreIssue(tx, id, now));
  return ids.length;
}
