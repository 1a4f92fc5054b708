import { extractFacets, userKey } from '@closeloop/core/grouping/event-facets';
import type { fingerprintEvent } from '@closeloop/core/grouping/fingerprint';
import { type FingerprintRule, parseFingerprintRules } from '@closeloop/core/grouping/fingerprint-rules';
import { FAILURE_MEMORY_MS, FRUSTRATION_HOLD_DEFAULT_MS } from '@closeloop/core/grouping/frustration-cause';
import type { PerformanceSettings } from '@closeloop/shared/api/performance';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import { storableJsonText } from '@closeloop/shared/storable-text';
import { ThresholdWatch } from '../automation/threshold-watch.ts';
import type { Change, ChangeBus } from '../live/change-bus.ts';
import type { Store } from '../store/db.ts';
import { retriesRequested } from '../store/dead-events-store.ts';
import {
  claimLogOffset,
  logHead,
  logOffset,
  readLogAfter,
  readLogRows,
  saveLogOffset,
} from '../store/event-log-store.ts';
import {
  anyHoldDue,
  dropHolds,
  dueHolds,
  forgetFailures,
  issuesOfGroups,
} from '../store/frustration-store.ts';
import * as groups from '../store/groups-store.ts';
import { ingestSettings } from '../store/ingest-settings-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { performanceSettings } from '../store/performance-store.ts';
import { emptyActivity, noteActivity, saveActivity } from '../store/project-activity-store.ts';
import { markSeverityStale } from '../store/severity-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';
import { errorText, isPoison, type LogRow, retrySetAside, setAsideHead } from './dead-letter.ts';
import { memoisedFingerprints, pickFacets, symbolicateEvent } from './event-preparation.ts';
import { FrustrationJoin } from './frustration-join.ts';
import { foldGroup, type PendingGroup } from './group-fold.ts';
import { PerfBatch } from './perf-batch.ts';
import { detectSlowdowns } from './perf-detector.ts';

/** The grouping worker's name as a consumer of the raw event log. */
export const OFFSET_NAME = 'grouping';
const BATCH = 500;

export interface GroupWorkerOptions {
  pollMs: number;
  /** How long a session's rage/dead click waits for the failure it may have run into (FRUSTRATION_HOLD_MS). */
  holdMs?: number;
  clock?: () => number;
}

/** `log`: events read from the log the first time; `release`: held frustration events whose hold ended. */
type FoldMode = 'log' | 'release';

/**
 * Folds the raw event log into issues. Each batch — group upserts, counters, new issues,
 * regressions and the new log offset — commits in one transaction, so a crash at any point
 * leaves either all of a batch or none of it: processing is exactly-once and idempotent.
 */
export class GroupWorker {
  /** Events still to take one per transaction after a batch failed. */
  private isolating = 0;
  private readonly fingerprint = memoisedFingerprints();
  private running = false;
  private started = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly idleWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | undefined;
  private readonly clock: () => number;
  private readonly holdMs: number;
  private forgotAt = 0;

  constructor(
    private readonly store: Store,
    private readonly bus: ChangeBus,
    private readonly opts: GroupWorkerOptions = { pollMs: 500 },
  ) {
    this.clock = opts.clock ?? Date.now;
    this.holdMs = opts.holdMs ?? FRUSTRATION_HOLD_DEFAULT_MS;
    // Listen from construction on, so a closure is noted even before the loop starts.
    this.unsubscribe = this.bus.subscribe((c) => void this.onChange(c));
  }

  start(): void {
    this.started = true;
    this.stopped = false;
    // Polling covers events appended by other processes (scale-out mode); wake() covers our own.
    this.timer = setInterval(() => this.wake(), this.opts.pollMs);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    while (this.running) await new Promise((r) => setTimeout(r, 5));
  }

  /** Starts a pass over the log if this process runs the worker (GROUPING_WORKER=on). */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** Processes everything appended so far, whether or not the loop runs here (tests, tools). */
  async drain(): Promise<void> {
    for (;;) {
      if (this.running) {
        await new Promise<void>((r) => this.idleWaiters.push(r));
        continue;
      }
      const [head, offset, retries, due] = await Promise.all([
        logHead(this.store),
        logOffset(this.store, OFFSET_NAME),
        retriesRequested(this.store, 1_000),
        anyHoldDue(this.store, this.clock()),
      ]);
      if (offset >= head && retries.length === 0 && !due) return;
      await this.run();
      const [after, left, stillDue] = await Promise.all([
        logOffset(this.store, OFFSET_NAME),
        retriesRequested(this.store, 1_000),
        anyHoldDue(this.store, this.clock()),
      ]);
      if (after === offset && left.length >= retries.length && (!due || stillDue))
        throw new Error('grouping made no progress; see the logged error');
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await retrySetAside(
          this.store,
          (tx, rows) => this.foldRows(tx, rows),
          (c) => this.bus.publish(c),
        );
        while (!this.stopped && (await this.processBatch()) > 0) {
          // keep going while the log has more
        }
        // Only once the log is caught up: a failure already logged gets its chance to claim a click.
        while (!this.stopped && (await this.releaseHeld()) > 0) {
          // keep going while holds are due
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      console.error('grouping worker: batch failed, will retry', err);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /**
   * Processes one batch; returns how many log entries it consumed. After a batch fails (not for
   * the database being away), the next batch's worth of events go one per transaction and one
   * that fails alone is set aside (ingest/dead-letter.ts), so one bad event never stops the log.
   */
  async processBatch(): Promise<number> {
    const size = this.isolating > 0 ? 1 : BATCH;
    let head: number | undefined;
    let n: number;
    try {
      const published: Change[] = [];
      n = await inTransaction(this.store, async (tx) => {
        const rows = await readLogAfter(tx, await claimLogOffset(tx, OFFSET_NAME), size);
        if (rows.length === 0) return 0;
        head = rows[0]!.id;
        published.push(...(await this.foldRows(tx, rows)));
        await saveLogOffset(tx, OFFSET_NAME, rows.at(-1)!.id);
        return rows.length;
      });
      for (const c of published) this.bus.publish(c);
    } catch (err) {
      if (!isPoison(err) || head === undefined) throw err;
      if (size > 1) {
        console.warn('grouping worker: a batch failed, taking its events one by one:', errorText(err));
        this.isolating = BATCH;
        return this.processBatch();
      }
      n = await setAsideHead(this.store, OFFSET_NAME, head, err);
    }
    this.isolating = Math.max(0, this.isolating - n);
    return n;
  }

  /**
   * Folds the frustration events whose hold ended unclaimed as frustration issues (oldest first);
   * returns how many it took. Serialised with batches by the log offset's row lock.
   */
  async releaseHeld(): Promise<number> {
    const now = this.clock();
    if (now - this.forgotAt > 60_000) {
      await forgetFailures(this.store, now - FAILURE_MEMORY_MS);
      this.forgotAt = now;
    }
    if (!(await anyHoldDue(this.store, now))) return 0;
    const published: Change[] = [];
    const n = await inTransaction(this.store, async (tx) => {
      await claimLogOffset(tx, OFFSET_NAME);
      const held = await dueHolds(tx, now, BATCH);
      await dropHolds(
        tx,
        held.map((h) => h.id),
      );
      // One read for the batch, folded in the holds' order.
      const byId = new Map(
        (
          await readLogRows(
            tx,
            held.map((h) => h.raw_event_id),
          )
        ).map((r) => [r.id, r] as const),
      );
      const rows = held.flatMap((h) => byId.get(h.raw_event_id) ?? []);
      published.push(...(await this.foldRows(tx, rows, 'release')));
      return held.length;
    });
    for (const c of published) this.bus.publish(c);
    return n;
  }

  /** Folds log rows into groups, issues and performance data inside `tx`; returns the changes to publish after commit. */
  private async foldRows(tx: Tx, rows: readonly LogRow[], mode: FoldMode = 'log'): Promise<Change[]> {
    const published: Change[] = [];
    // Released events were counted (activity, performance) and offered to the join when first read.
    const join = mode === 'log' ? new FrustrationJoin(this.holdMs) : null;
    const rules = new Map<number, FingerprintRule[]>();
    const mapsKnown = new Map<string, boolean>();
    const releases = new Map<string, { projectId: number; release: string; at: number }>();
    // Events of one group within a batch are summed first: a batch costs a few statements per group.
    const batch = new Map<string, PendingGroup>();
    // Every event (page loads too) says who was active: the denominators of the severity score.
    const activity = emptyActivity();
    const perfBatch = new PerfBatch();
    const perfSettings = new Map<number, PerformanceSettings>();
    const perfSettingsOf = async (projectId: number) => {
      const known = perfSettings.get(projectId);
      if (known) return known;
      const s = await performanceSettings(tx, projectId);
      perfSettings.set(projectId, s);
      return s;
    };
    /** Adds one fingerprinted event to its group's share of the batch. */
    const collect = (
      row: LogRow,
      event: IngestEvent,
      fp: NonNullable<ReturnType<typeof fingerprintEvent>>,
    ) => {
      const at = Math.min(event.timestamp, row.received_at + 60_000);
      const facets = extractFacets(event);
      if (facets.release)
        releases.set(`${row.project_id}\u0000${facets.release}`, {
          projectId: row.project_id,
          release: facets.release,
          at: row.received_at,
        });
      const k = `${row.project_id}:${fp.hash}`;
      let g = batch.get(k);
      if (!g) {
        g = {
          fp,
          first: { row, event },
          last: { row, event, release: facets.release },
          occ: groups.emptyOccurrences(),
        };
        batch.set(k, g);
      }
      g.last = { row, event, release: facets.release };
      groups.addOccurrence(g.occ, {
        at,
        userKey: facets.userKey,
        sessionId: facets.sessionId,
        release: facets.release,
        facets: pickFacets(facets),
      });
    };
    for (const row of rows) {
      let event: IngestEvent;
      try {
        // Rows logged before NUL was replaced at the edge would fail every batch on PostgreSQL.
        event = JSON.parse(storableJsonText(row.payload)) as IngestEvent;
      } catch {
        continue; // validated before it was logged; a corrupt row must not stop the log
      }
      if (!rules.has(row.project_id)) {
        const parsed = parseFingerprintRules((await ingestSettings(tx, row.project_id)).fingerprintRules);
        rules.set(row.project_id, parsed.ok ? parsed.rules : []);
      }
      if (mode === 'log') {
        noteActivity(
          activity,
          row.project_id,
          userKey(event),
          event.session_id?.trim() || null,
          row.received_at,
        );
        perfBatch.add(
          row,
          event,
          Math.min(event.timestamp, row.received_at + 60_000),
          (await perfSettingsOf(row.project_id)).routePatterns,
        );
      }
      const received = event;
      event = await symbolicateEvent(tx, row.project_id, event, mapsKnown);
      let fp = this.fingerprint(event, rules.get(row.project_id)!);
      if (fp && event !== received) {
        fp = await this.keepIdentity(
          tx,
          row.project_id,
          fp,
          this.fingerprint(received, rules.get(row.project_id)!),
          batch,
        );
      }
      if (!fp) continue; // vitals, page loads, transactions: performance data only (perfBatch)
      if (join?.takeClick(row, event, fp)) continue;
      join?.noteFailure(row, event, fp);
      collect(row, event, fp);
    }
    for (const c of (await join?.beforeFold(tx)) ?? []) collect(c.row, c.event, c.fp);
    for (const r of releases.values()) await groups.noteRelease(tx, r.projectId, r.release, r.at);
    await saveActivity(tx, activity);
    const thresholds = new ThresholdWatch();
    for (const g of batch.values()) {
      const change = await foldGroup(tx, g, thresholds);
      if (change) published.push(change);
    }
    if (join) {
      const gained = await join.afterFold(tx, async (projectId, hash) => {
        const known = batch.get(`${projectId}:${hash}`)?.groupId;
        return known ?? (await groups.findGroup(tx, projectId, hash))!.id;
      });
      await markSeverityStale(tx, await issuesOfGroups(tx, gained));
    }
    await perfBatch.flush(tx);
    published.push(...(await detectSlowdowns(tx, perfBatch.touched.values(), perfSettingsOf)));
    return published;
  }

  /**
   * A source map uploaded after an error was first seen must not split its issue: when the
   * symbolicated event's fingerprint has no group yet but the event as received has one, the event
   * joins that group (its samples get the better stack; the issue keeps its identity).
   */
  private async keepIdentity(
    tx: Tx,
    projectId: number,
    symbolicated: NonNullable<ReturnType<typeof fingerprintEvent>>,
    received: ReturnType<typeof fingerprintEvent>,
    batch: Map<string, PendingGroup>,
  ) {
    if (!received || received.hash === symbolicated.hash) return symbolicated;
    const known = async (hash: string) =>
      batch.has(`${projectId}:${hash}`) || (await groups.findGroup(tx, projectId, hash)) !== undefined;
    if (await known(symbolicated.hash)) return symbolicated;
    return (await known(received.hash)) ? received : symbolicated;
  }

  /** Closing a machine issue as fixed records the release that last showed the problem. */
  private async onChange(c: Change): Promise<void> {
    if (
      c.type !== 'issue.updated' ||
      c.actorId === null ||
      !c.fields?.some((f) => f === 'status' || f === 'resolution')
    )
      return;
    try {
      await inTransaction(this.store, async (tx) => {
        const group = await groups.findGroupOfIssue(tx, c.issueId);
        if (!group) return;
        const issue = await findIssueRow(tx, c.workspaceId, { id: c.issueId });
        const fixed =
          issue &&
          CLOSED_CATEGORIES.includes(issue.status_category as StatusCategory) &&
          issue.resolution === 'fixed';
        await groups.setResolvedInRelease(tx, c.issueId, fixed ? group.last_release : null);
      });
    } catch (err) {
      console.error('grouping worker: could not record the fixed release', err);
    }
  }
}
