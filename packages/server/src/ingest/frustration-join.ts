import type { EventFingerprint } from '@closeloop/core/grouping/fingerprint';
import {
  type ClickSpan,
  causeWindow,
  clickSpan,
  isCauseKind,
  pickCause,
} from '@closeloop/core/grouping/frustration-cause';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import {
  attachEvidence,
  dropHolds,
  type EvidenceRow,
  type FailureRow,
  failuresInSessions,
  type HoldRow,
  heldInSessions,
  holdClicks,
  rememberFailures,
} from '../store/frustration-store.ts';
import type { Tx } from '../store/transaction.ts';
import type { LogRow } from './dead-letter.ts';

/** A rage/dead click of a session, as held or attached (everything but when a hold ends). */
type Click = Omit<HoldRow, 'release_at'>;

interface BatchClick {
  row: LogRow;
  event: IngestEvent;
  fp: EventFingerprint;
  span: ClickSpan;
  facts: Click;
}

interface BatchFailure {
  projectId: number;
  sessionId: string;
  at: number;
  hash: string;
  eventId: string;
  receivedAt: number;
}

/**
 * One batch's share of "frustration joins what caused it" (core/grouping/frustration-cause.ts).
 * The log is not in time order across batches (each SDK flushes on its own timer), so:
 * - a click whose failure is in the same batch, or was already seen (`session_failures`), becomes
 *   evidence on the failure's group at once;
 * - a click without one is held for `holdMs` (`frustration_holds`); a failure that arrives in the
 *   meantime claims it, else the worker folds it as a frustration issue when the hold ends.
 * Holding, not "open an issue and take it back later": an issue once opened has notified people,
 * fired webhooks and automation and may have been triaged, and its counters mix many sessions.
 */
export class FrustrationJoin {
  private readonly clicks: BatchClick[] = [];
  private readonly failures: BatchFailure[] = [];
  /** Clicks matched before folding, with the failure they ran into (its group is known after folding). */
  private readonly matched: { click: Click; failure: BatchFailure | FailureRow }[] = [];
  private readonly toHold: HoldRow[] = [];

  constructor(private readonly holdMs: number) {}

  /** Takes a click that may have a cause (rage/dead click with a session); false: fold it as usual. */
  takeClick(row: LogRow, event: IngestEvent, fp: EventFingerprint): boolean {
    if (fp.kind !== 'frustration') return false;
    const span = clickSpan(event);
    if (!span) return false;
    const c = event.click;
    this.clicks.push({
      row,
      event,
      fp,
      span,
      facts: {
        workspace_id: row.workspace_id,
        project_id: row.project_id,
        raw_event_id: row.id,
        event_id: row.event_id,
        session_id: span.sessionId,
        type: span.type,
        selector: c?.selector ?? '',
        click_text: c?.text?.trim() || null,
        route: fp.culprit || event.route || '',
        click_count: c?.count ?? 1,
        started_at: span.startedAt,
        ended_at: span.endedAt,
      },
    });
    return true;
  }

  /** Notes an event that may be what a click ran into (an error or failed request with a session). */
  noteFailure(row: LogRow, event: IngestEvent, fp: EventFingerprint): void {
    const sessionId = event.session_id?.trim();
    if (!sessionId || !isCauseKind(fp.kind)) return;
    this.failures.push({
      projectId: row.project_id,
      sessionId,
      at: event.timestamp,
      hash: fp.hash,
      eventId: row.event_id,
      receivedAt: row.received_at,
    });
  }

  /**
   * Before the batch's groups are folded: matches this batch's clicks against this batch's
   * failures and the remembered ones. Returns the clicks to fold as frustration issues now
   * (unmatched with no hold configured); the others become evidence or holds after folding.
   */
  async beforeFold(tx: Tx): Promise<BatchClick[]> {
    const foldNow: BatchClick[] = [];
    const byProject = new Map<number, BatchClick[]>();
    for (const c of this.clicks) {
      const list = byProject.get(c.row.project_id) ?? [];
      list.push(c);
      byProject.set(c.row.project_id, list);
    }
    for (const [projectId, clicks] of byProject) {
      const windows = clicks.map((c) => causeWindow(c.span));
      const remembered = await failuresInSessions(
        tx,
        projectId,
        [...new Set(clicks.map((c) => c.span.sessionId))],
        Math.min(...windows.map((w) => w.from)),
        Math.max(...windows.map((w) => w.to)),
      );
      const candidates = [...this.failures.filter((f) => f.projectId === projectId), ...remembered];
      for (const c of clicks) {
        const cause = pickCause(c.span, candidates);
        if (cause) this.matched.push({ click: c.facts, failure: cause });
        else if (this.holdMs > 0)
          this.toHold.push({ ...c.facts, release_at: c.row.received_at + this.holdMs });
        else foldNow.push(c);
      }
    }
    return foldNow;
  }

  /**
   * After folding (every failure's group exists): remembers the batch's failures, lets them
   * claim clicks held earlier in their sessions, writes the evidence and the new holds.
   * Returns the groups that gained evidence.
   */
  async afterFold(tx: Tx, groupOf: (projectId: number, hash: string) => Promise<number>): Promise<number[]> {
    const known: FailureRow[] = [];
    for (const f of this.failures) known.push({ ...f, groupId: await groupOf(f.projectId, f.hash) });
    await rememberFailures(tx, known);

    const evidence: EvidenceRow[] = [];
    const now = Date.now();
    const evidenceOf = async (click: Click, failure: BatchFailure | FailureRow) =>
      evidence.push({
        ...withoutRaw(click),
        group_id: 'groupId' in failure ? failure.groupId : await groupOf(failure.projectId, failure.hash),
        failure_event_id: failure.eventId,
        failure_at: failure.at,
        created_at: now,
      });
    for (const m of this.matched) await evidenceOf(m.click, m.failure);

    const claimed: number[] = [];
    const byProject = new Map<number, FailureRow[]>();
    for (const f of known) {
      const list = byProject.get(f.projectId) ?? [];
      list.push(f);
      byProject.set(f.projectId, list);
    }
    for (const [projectId, failures] of byProject) {
      const held = await heldInSessions(tx, projectId, [...new Set(failures.map((f) => f.sessionId))]);
      for (const h of held) {
        const span: ClickSpan = {
          type: h.type as ClickSpan['type'],
          sessionId: h.session_id,
          startedAt: Number(h.started_at),
          endedAt: Number(h.ended_at),
        };
        const cause = pickCause(span, failures);
        if (!cause) continue;
        claimed.push(h.id);
        const { id: _id, release_at: _r, ...click } = h;
        await evidenceOf({ ...click, started_at: span.startedAt, ended_at: span.endedAt }, cause);
      }
    }
    await dropHolds(tx, claimed);
    await attachEvidence(tx, evidence);
    await holdClicks(tx, this.toHold);
    return [...new Set(evidence.map((e) => e.group_id))];
  }
}

function withoutRaw(c: Click) {
  const { raw_event_id: _raw, ...rest } = c;
  return rest;
}
