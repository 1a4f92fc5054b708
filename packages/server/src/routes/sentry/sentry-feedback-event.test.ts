import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import {
  createProjectWithKey,
  dsnFor,
  issuesOf,
  listen,
  type ProjectKey,
  runNodeApp,
} from './sentry-test-kit.ts';

/**
 * Issue 17: Sentry user feedback that names the event it is about (`associatedEventId`, sent as
 * `associated_event_id`) is a +1 on that event's issue, even when its words look like nothing
 * there. The real @sentry/node, unchanged, in a child process, reports an error and the feedback.
 */

const FEEDBACK = 'I pressed the button and nothing at all happened, please help';

const APP = `
import * as Sentry from '@sentry/node';
const [dsn] = process.argv.slice(2);
Sentry.init({ dsn, release: 'shop-api@3.2.0' });
function redeem(code) {
  return code.trim();
}
let eventId;
try {
  redeem(undefined);
} catch (error) {
  eventId = Sentry.captureException(error);
}
Sentry.captureFeedback({ message: ${JSON.stringify(FEEDBACK)}, name: 'Ada', email: 'ada@example.com', associatedEventId: eventId });
// The same words about no event: filed as they are, a new issue.
Sentry.captureFeedback({ message: ${JSON.stringify(FEEDBACK)}, name: 'Bea', email: 'bea@example.com' });
await Sentry.close(20000);
`;

describeEachDialect(
  'Sentry feedback about an event joins that event’s issue (real @sentry/node)',
  (dialect) => {
    const h = useHarness(dialect);
    let key: ProjectKey;

    beforeAll(async () => {
      key = await createProjectWithKey(h, 'API');
      const run = await runNodeApp(APP, [dsnFor(key, await listen(h))]);
      expect(run.code, run.stderr).toBe(0);
    }, 60_000);

    const reportsOf = async (issueKey: string) =>
      (await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}/user-reports`, as: h.owner })).body
        .items as { reporter: { name: string }; outcome: string; source: string }[];

    it('adds the feedback naming the error as a +1 on the error’s issue; the other one is a new issue', async () => {
      // Feedback may be filed before its event is grouped: the filing job waits for the grouping worker.
      await expect
        .poll(
          async () => {
            await h.svc.ingest.worker.drain();
            await h.svc.jobs.runDue();
            const [error] = await issuesOf(h, h.owner, 'API');
            return error
              ? (await reportsOf(error.key)).map((r) => [r.reporter.name, r.outcome, r.source])
              : [];
          },
          { timeout: 20_000, interval: 500 },
        )
        .toEqual([['Ada', 'plus_one', 'sentry']]);
      const [error] = await issuesOf(h, h.owner, 'API');
      expect(error!.title).toMatch(/TypeError/);
      const filed = (await issuesOf(h, h.owner, 'API', 'manual')).filter((i) => i.title === FEEDBACK);
      expect(filed).toHaveLength(1);
      expect((await reportsOf(filed[0]!.key)).map((r) => r.reporter.name)).toEqual(['Bea']);
    });
  },
);
