import { extractFacets } from '@closeloop/core/grouping/event-facets';
import { addSample, type Histogram } from '@closeloop/core/performance/histogram';
import { perfSamples, visitedPath } from '@closeloop/core/performance/samples';
import { hourStart } from '@closeloop/core/performance/time-zone';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import * as perf from '../store/performance-store.ts';
import type { Tx } from '../store/transaction.ts';

/** A (project, metric, target, hour) whose numbers changed in this batch: the detector looks at it. */
export interface TouchedHour {
  workspaceId: number;
  projectId: number;
  metric: string;
  target: string;
  hour: number;
}

/** "Chrome 126.0" → "Chrome": versions would split every hour into slivers. */
function browserName(browser: string | null): string {
  return (browser ?? '').replace(/\s+\d.*$/, '').slice(0, 100);
}

/**
 * What one worker batch adds to the performance tables, summed in memory first (a batch of
 * vitals from one page costs one read and one write per hour, target, metric, release and browser).
 */
export class PerfBatch {
  private readonly hourly = new Map<string, { key: perf.HourlyKey; hist: Histogram; count: number }>();
  private readonly sessions = new Map<string, perf.SessionHour>();
  private readonly pages = new Map<
    string,
    { projectId: number; sessionId: string; path: string; at: number }
  >();
  readonly touched = new Map<string, TouchedHour>();

  add(
    row: { workspace_id: number; project_id: number },
    event: IngestEvent,
    at: number,
    patterns: readonly string[],
  ) {
    const samples = perfSamples(event, patterns);
    const path = visitedPath(event);
    if (samples.length === 0 && !path) return;
    const facets = extractFacets(event);
    const hour = hourStart(at);
    const release = (facets.release ?? '').slice(0, 200);
    const browser = browserName(facets.browser);
    for (const s of samples) {
      const k = [row.project_id, s.metric, s.target, hour, release, browser].join('\u0000');
      let h = this.hourly.get(k);
      if (!h) {
        h = {
          key: { projectId: row.project_id, metric: s.metric, target: s.target, hour, release, browser },
          hist: {},
          count: 0,
        };
        this.hourly.set(k, h);
      }
      addSample(h.hist, s.value, s.weight);
      h.count += s.weight;
      const t = [row.project_id, s.metric, s.target, hour].join('\u0000');
      this.touched.set(t, {
        workspaceId: row.workspace_id,
        projectId: row.project_id,
        metric: s.metric,
        target: s.target,
        hour,
      });
      if (facets.sessionId) {
        const sk = `${t}\u0000${facets.sessionId}`;
        const prev = this.sessions.get(sk);
        if (!prev || prev.value < s.value)
          this.sessions.set(sk, {
            projectId: row.project_id,
            metric: s.metric,
            target: s.target,
            hour,
            sessionId: facets.sessionId,
            userKey: facets.userKey,
            value: s.value,
          });
      }
    }
    if (path && facets.sessionId) {
      const pk = `${row.project_id}\u0000${facets.sessionId}\u0000${path}`;
      const prev = this.pages.get(pk);
      if (!prev || prev.at > at)
        this.pages.set(pk, { projectId: row.project_id, sessionId: facets.sessionId, path, at });
    }
  }

  async flush(tx: Tx): Promise<void> {
    await perf.addHourly(tx, this.hourly.values());
    await perf.addSessionHours(tx, [...this.sessions.values()]);
    await perf.addSessionPages(tx, [...this.pages.values()]);
  }
}
