import { extractFacets } from '@closeloop/core/grouping/event-facets';
import { fingerprintEvent } from '@closeloop/core/grouping/fingerprint';
import { type FingerprintRule, parseFingerprintRules } from '@closeloop/core/grouping/fingerprint-rules';
import { isRegression } from '@closeloop/core/regressions/regression-rule';
import { symbolicateFrames } from '@closeloop/core/symbolication/symbolicate';
import { CLOSED_CATEGORIES, type StatusCategory } from '@closeloop/shared/issue-fields';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import { createMachineIssue, reopenAsRegression } from '../commands/machine-issues.ts';
import type { Change, ChangeBus } from '../live/change-bus.ts';
import type { Store } from '../store/db.ts';
import { logHead, logOffset, readLogAfter, saveLogOffset } from '../store/event-log-store.ts';
import * as groups from '../store/groups-store.ts';
import { ingestSettings } from '../store/ingest-settings-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import { inTransaction, type Tx } from '../store/transaction.ts';

const OFFSET_NAME = 'grouping';
const BATCH = 200;

/**
 * Folds the raw event log into issues. Each batch — group upserts, counters, new issues,
 * regressions and the new log offset — commits in one transaction, so a crash at any point
 * leaves either all of a batch or none of it: processing is exactly-once and idempotent.
 */
export class GroupWorker {
  private running = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly idleWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: ChangeBus,
    private readonly opts: { pollMs: number } = { pollMs: 500 },
  ) {
    // Listen from construction on, so a closure is noted even before the loop starts.
    this.unsubscribe = this.bus.subscribe((c) => void this.onChange(c));
  }

  start(): void {
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

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** Resolves when everything appended so far has been processed (tests, shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      const [head, offset] = await Promise.all([logHead(this.store), logOffset(this.store, OFFSET_NAME)]);
      if (offset >= head) return;
      await new Promise<void>((r) => {
        this.idleWaiters.push(r);
        this.wake();
      });
    }
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.processBatch()) > 0) {
          // keep going while the log has more
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      console.error('grouping worker: batch failed, will retry', err);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  /** Processes one batch; returns how many log entries it consumed. */
  async processBatch(): Promise<number> {
    const published: Change[] = [];
    const n = await inTransaction(this.store, async (tx) => {
      const offset = await logOffset(tx, OFFSET_NAME);
      const rows = await readLogAfter(tx, offset, BATCH);
      if (rows.length === 0) return 0;
      const rules = new Map<number, FingerprintRule[]>();
      for (const row of rows) {
        let event: IngestEvent;
        try {
          event = JSON.parse(row.payload) as IngestEvent;
        } catch {
          continue; // validated before it was logged; a corrupt row must not stop the log
        }
        if (!rules.has(row.project_id)) {
          const parsed = parseFingerprintRules((await ingestSettings(tx, row.project_id)).fingerprintRules);
          rules.set(row.project_id, parsed.ok ? parsed.rules : []);
        }
        const change = await this.fold(
          tx,
          row,
          await this.symbolicate(tx, row.project_id, event),
          rules.get(row.project_id)!,
        );
        if (change) published.push(change);
      }
      await saveLogOffset(tx, OFFSET_NAME, rows.at(-1)!.id);
      return rows.length;
    });
    for (const c of published) this.bus.publish(c);
    return n;
  }

  private async symbolicate(tx: Tx, projectId: number, event: IngestEvent): Promise<IngestEvent> {
    const frames = event.exception?.frames;
    if (!frames?.length || !event.release || !(await groups.hasSourceMaps(tx, projectId, event.release)))
      return event;
    const release = event.release;
    const results = await symbolicateFrames(frames, (f) => {
      const url = f.abs_path ?? f.filename;
      return url ? groups.sourceMapFor(tx, projectId, release, url) : null;
    });
    return { ...event, exception: { ...event.exception!, frames: results.map((r) => r.frame) } };
  }

  private async fold(
    tx: Tx,
    row: {
      id: number;
      workspace_id: number;
      project_id: number;
      event_id: string;
      received_at: number;
      payload: string;
    },
    event: IngestEvent,
    rules: FingerprintRule[],
  ): Promise<Change | null> {
    const fp = fingerprintEvent(event, rules);
    if (!fp) return null; // vitals, page loads, transactions: kept in the log for performance issues
    const at = Math.min(event.timestamp, row.received_at + 60_000);
    const facets = extractFacets(event);
    if (facets.release) await groups.noteRelease(tx, row.project_id, facets.release, row.received_at);
    let group = await groups.findGroup(tx, row.project_id, fp.hash);
    let change: Change | null = null;
    if (!group) {
      const issueId = await createMachineIssue(
        tx,
        { workspaceId: row.workspace_id, projectId: row.project_id },
        fp,
        event,
      );
      group = await groups.insertGroup(tx, {
        workspaceId: row.workspace_id,
        projectId: row.project_id,
        issueId,
        fingerprint: fp.hash,
        kind: fp.kind,
        title: fp.title,
        culprit: fp.culprit,
        components: fp.components,
        seenAt: at,
        release: facets.release,
      });
      const issue = await findIssueRow(tx, row.workspace_id, { id: issueId });
      change = {
        workspaceId: row.workspace_id,
        type: 'issue.created',
        issueId,
        issueKey: `${issue!.project_key}-${issue!.number}`,
        actorId: null,
        at: Date.now(),
      };
    } else {
      const issue = await findIssueRow(tx, row.workspace_id, { id: group.issue_id });
      if (issue) {
        const regressed = isRegression({
          closed: CLOSED_CATEGORIES.includes(issue.status_category as StatusCategory),
          resolution: issue.resolution,
          closedAt: issue.closed_at,
          resolvedInRelease: group.resolved_in_release,
          resolvedReleaseFirstSeen: group.resolved_in_release
            ? await groups.releaseFirstSeen(tx, row.project_id, group.resolved_in_release)
            : null,
          eventRelease: facets.release,
          eventReleaseFirstSeen: facets.release
            ? await groups.releaseFirstSeen(tx, row.project_id, facets.release)
            : null,
          eventAt: row.received_at,
        });
        if (regressed && (await reopenAsRegression(tx, row.workspace_id, issue.id, facets.release))) {
          await groups.markRegressed(tx, group.id, row.received_at);
          change = {
            workspaceId: row.workspace_id,
            type: 'issue.updated',
            issueId: issue.id,
            issueKey: `${issue.project_key}-${issue.number}`,
            actorId: null,
            fields: ['status', 'resolution', 'labels', 'regression'],
            at: Date.now(),
          };
        }
      }
    }
    const facetValues: Record<string, string> = {};
    for (const [k, v] of Object.entries({
      release: facets.release,
      environment: facets.environment,
      browser: facets.browser,
      os: facets.os,
      url: facets.url,
      route: facets.route,
    })) {
      if (v) facetValues[k] = v;
    }
    await groups.recordOccurrence(tx, group.id, {
      at,
      userKey: facets.userKey,
      sessionId: facets.sessionId,
      release: facets.release,
      facets: facetValues,
    });
    await groups.addSample(tx, group.id, { eventId: row.event_id, at, payload: JSON.stringify(event) });
    return change;
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
