import { expect, it } from 'vitest';
import { createProjectWithKey, issuesOf } from '../routes/sentry/sentry-test-kit.ts';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { ingestRequest, messageEvent } from '../test/ingest-requests.ts';

/**
 * Regression for issue 9.10: one event nested thousands of levels deep threw RangeError in
 * JSON.stringify and the whole batch answered 500, so the good events beside it were lost.
 */
describeEachDialect('a deeply nested event in a batch', (dialect) => {
  const h = useHarness(dialect);

  it('is refused on its own while the good events beside it are stored', async () => {
    const { publicKey } = await createProjectWithKey(h, 'SHOP');
    // Written as text: JSON.stringify itself cannot produce it (which is the bug this guards).
    const deep = `${'{"d":'.repeat(5_000)}"bottom"${'}'.repeat(5_000)}`;
    const good = ingestRequest(publicKey, [
      messageEvent('good one'),
      { marker: 1 },
      messageEvent('good two'),
    ]);
    const payload = good.payload.replace(
      '{"marker":1}',
      JSON.stringify(messageEvent('too deep', { extra: { deep: 0 } })).replace('"deep":0', `"deep":${deep}`),
    );
    const r = await h.req({ ...good, payload });
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(2);
    expect(r.body.rejected).toHaveLength(1);
    expect(r.body.rejected[0].index).toBe(1);
    expect(r.body.rejected[0].error.message).toMatch(/deeper than/);
    await h.svc.ingest.worker.drain();
    const titles = (await issuesOf(h, h.owner, 'SHOP')).map((i) => i.title).sort();
    expect(titles).toEqual(['good one', 'good two']);
  });
});
