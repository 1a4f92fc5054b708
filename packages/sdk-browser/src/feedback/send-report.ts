import type { UserReportInput } from '@closeloop/shared/ingest/user-report';
import type { Client } from '../client.ts';
import { randomHex } from '../ids.ts';
import { defaultCompress, type QueuedEvent, Transport } from '../transport/transport.ts';
import { truncate } from '../truncate.ts';
import { scrubUrl } from '../url.ts';
import { SDK_NAME, SDK_VERSION } from '../version.ts';
import type { ReportWords } from './feedback-options.ts';

export const REPORT_PATH = '/api/ingest/v1/reports';

/**
 * Taken before the fetch integration wraps window.fetch, so sending a report (and the widget's
 * questions to the server) is never instrumented.
 */
export const nativeFetch = typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;

function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const transports = new WeakMap<Client, Transport>();

/**
 * The reports' own transport: same batching, backoff and Retry-After handling as events, and kept
 * in localStorage while offline, so a report written without a connection is sent on a later
 * page load (its first flush restores what is waiting).
 */
export function reportTransport(client: Client): Transport {
  let t = transports.get(client);
  if (!t) {
    const nav = globalThis.navigator;
    t = new Transport({
      url: `${client.dsn.origin}${REPORT_PATH}?key=${encodeURIComponent(client.dsn.publicKey)}`,
      sdk: { name: SDK_NAME, version: SDK_VERSION },
      fetch: nativeFetch,
      sendBeacon: typeof nav?.sendBeacon === 'function' ? nav.sendBeacon.bind(nav) : undefined,
      storage: localStore,
      storageKey: `closeloop.reports.${client.dsn.publicKey}`,
      compress: defaultCompress(),
    });
    transports.set(client, t);
  }
  return t;
}

const clip = (s: string | undefined, max: number) => (s?.trim() ? truncate(s.trim(), max) : undefined);

/**
 * Builds the report from the reporter's words and what the SDK has now: the session (whose
 * recording, buffered last minute included, is sent at this moment), the breadcrumb trail
 * (clicks, navigations, requests, console errors, errors), URL, browser, OS, viewport, release,
 * environment, user and tags. Queues it and starts sending; returns its id.
 */
export function sendReport(client: Client, words: ReportWords): string {
  const now = Date.now();
  const o = client.options;
  const report: UserReportInput = {
    event_id: randomHex(16),
    timestamp: now,
    description: truncate(words.description.trim(), 16_000),
    session_id: client._session._touch(now),
    has_replay: client._flushReplay?.() === true,
    url: truncate(scrubUrl(globalThis.location?.href ?? ''), 4_000),
    contexts: client._contexts,
    viewport: { width: globalThis.innerWidth | 0, height: globalThis.innerHeight | 0 },
    breadcrumbs: client._breadcrumbs._snapshot(),
  };
  const put = <K extends keyof UserReportInput>(k: K, v: UserReportInput[K] | undefined) => {
    if (v !== undefined) report[k] = v;
  };
  put('steps', clip(words.steps, 8_000));
  put('expected', clip(words.expected, 8_000));
  put('actual', clip(words.actual, 8_000));
  put('name', clip(words.name, 200));
  put('email', clip(words.email, 320));
  put('same_as', words.sameAs);
  if (words.files?.length) report.attachments = words.files;
  put('release', o.release);
  put('environment', o.environment);
  put('user', client._user);
  if (Object.keys(client._tags).length > 0) report.tags = { ...client._tags };
  const t = reportTransport(client);
  t._add(report as unknown as QueuedEvent);
  void t.flush();
  return report.event_id;
}
