/**
 * The SDK with session replay and the feedback widget: everything `sdk-replay.ts` exports, plus
 * `showReportDialog()` and an optional floating button (`feedback: { button: true }`). The widget's
 * UI is a lazy chunk (`import()`), loaded the first time it is shown; what loads with the page is
 * the replay build plus the report sender (sizes in .size-limit.json).
 */
import type { Client } from './client.ts';
import type { FeedbackOptions } from './feedback/feedback-options.ts';
import { nativeFetch, reportTransport, sendReport } from './feedback/send-report.ts';
import { guarded } from './guard.ts';
import { afterLoadWhenIdle } from './idle.ts';
import type { InitOptions } from './options.ts';
import type { BrowserClient } from './public-types.ts';
import { loadRecorder } from './replay/load-recorder.ts';
import { startClient } from './start.ts';

export type { FeedbackOptions, ReportWords } from './feedback/feedback-options.ts';
export * from './sdk-replay.ts';

let current: Client | undefined;
let feedback: FeedbackOptions = {};

const widget = () => import('./feedback/widget.ts');

export function init(options: InitOptions & { feedback?: FeedbackOptions }): BrowserClient | undefined {
  const client = startClient(options);
  current = client;
  feedback = options?.feedback ?? {};
  if (!client) return client;
  loadRecorder(client, options);
  guarded(() => {
    // Reports written offline on an earlier page load are sent once this one has loaded.
    afterLoadWhenIdle(() => void reportTransport(client).flush(), client._signal);
    addEventListener('online', () => void reportTransport(client).flush(), { signal: client._signal });
    const button = feedback.button;
    if (button) {
      const label = typeof button === 'string' ? button : 'Report a problem';
      const mount = () =>
        widget()
          .then((w) =>
            guarded(() => {
              if (!client._signal.aborted)
                client._onClose(w.mountReportButton(label, () => showReportDialog()));
            }),
          )
          .catch(() => undefined);
      if (document.readyState === 'loading') addEventListener('DOMContentLoaded', mount, { once: true });
      else mount();
    }
  });
  return client;
}

/**
 * Opens the "report a problem" dialog, with the project's prompts and template, known issues offered
 * while the reporter types, and a screenshot of the page and files they may attach. The report goes
 * out with this session's evidence: its replay (the buffered last minute is sent now), breadcrumbs
 * (console, network, clicks), recent errors, URL, browser, OS, viewport, release and user. Never
 * throws; a no-op before `init`.
 */
export function showReportDialog(options: FeedbackOptions = {}): Promise<void> {
  const client = current;
  if (!client) return Promise.resolve();
  return widget()
    .then((w) =>
      guarded(() =>
        w.openReportDialog(
          { ...feedback, ...options },
          { email: client._user?.email, name: client._user?.username },
          (words) => guarded(() => sendReport(client, words)),
          { origin: client.dsn.origin, key: client.dsn.publicKey, fetch: nativeFetch },
        ),
      ),
    )
    .catch(() => undefined);
}
