/** What the grouping worker does to each event before folding it: symbolicate, fingerprint (memoised), pick facets. */
import type { extractFacets } from '@closeloop/core/grouping/event-facets';
import { fingerprintEvent } from '@closeloop/core/grouping/fingerprint';
import type { FingerprintRule } from '@closeloop/core/grouping/fingerprint-rules';
import { symbolicateFrames } from '@closeloop/core/symbolication/symbolicate';
import type { IngestEvent } from '@closeloop/shared/ingest/event';
import * as groups from '../store/groups-store.ts';
import type { Tx } from '../store/transaction.ts';

const FINGERPRINT_MEMO_SIZE = 5_000;

/**
 * Fingerprinting is most of the worker's CPU, and error streams repeat the same event over and
 * over: without project rules (which may match any field) the result depends only on the fields
 * below, so identical ones are computed once.
 */
export function memoisedFingerprints() {
  const memo = new Map<string, ReturnType<typeof fingerprintEvent>>();
  return (event: IngestEvent, rules: FingerprintRule[]) => {
    if (rules.length > 0) return fingerprintEvent(event, rules);
    const e = event;
    const key = JSON.stringify([
      e.type,
      e.url,
      e.route,
      e.level,
      e.exception,
      e.message,
      e.request,
      e.click,
      e.fingerprint,
      e.tags,
    ]);
    let fp = memo.get(key);
    if (fp === undefined) {
      fp = fingerprintEvent(event, rules);
      if (memo.size >= FINGERPRINT_MEMO_SIZE) memo.clear();
      memo.set(key, fp);
    }
    return fp;
  };
}

/** The facets kept per group (counted in group_facets). */
export function pickFacets(f: ReturnType<typeof extractFacets>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    release: f.release,
    environment: f.environment,
    browser: f.browser,
    os: f.os,
    url: f.url,
    route: f.route,
  })) {
    if (v) out[k] = v;
  }
  return out;
}

/** The event with its minified frames mapped through the release's source maps, if it has any. */
export async function symbolicateEvent(
  tx: Tx,
  projectId: number,
  event: IngestEvent,
  mapsKnown: Map<string, boolean>,
): Promise<IngestEvent> {
  const frames = event.exception?.frames;
  if (!frames?.length || !event.release) return event;
  const k = `${projectId}\u0000${event.release}`;
  if (!mapsKnown.has(k)) mapsKnown.set(k, await groups.hasSourceMaps(tx, projectId, event.release));
  if (!mapsKnown.get(k)) return event;
  const release = event.release;
  const results = await symbolicateFrames(frames, (f) => {
    const url = f.abs_path ?? f.filename;
    return url ? groups.sourceMapFor(tx, projectId, release, url) : null;
  });
  return { ...event, exception: { ...event.exception!, frames: results.map((r) => r.frame) } };
}
