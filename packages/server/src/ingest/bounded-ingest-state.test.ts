import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { createProjectWithKey } from '../routes/sentry/sentry-test-kit.ts';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { ingestRequest, messageEvent } from '../test/ingest-requests.ts';
import { IngestGate } from './ingest-gate.ts';

/**
 * Regressions for issue 9.4 and 15 (rate-limit burst): the gate's cache of unknown keys grew
 * with every random key a client sent, and a key limited to 10 events a minute accepted a first
 * batch of 1,000 (the bucket's capacity was max(perMinute, batch size)).
 */
describeEachDialect('ingest state chosen by clients stays bounded', (dialect) => {
  const h = useHarness(dialect);

  it('remembers a bounded number of unknown keys however many random ones arrive', async () => {
    // The app's gate holds 10,000; a gate with a small bound shows the same in a few hundred lookups.
    const gate = new IngestGate(h.svc.store, h.svc.ingest.gate.log, { keyCacheEntries: 100 });
    for (let i = 0; i < 500; i++) {
      await expect(gate.resolveKey(randomBytes(16).toString('hex'))).rejects.toThrow(/unknown or revoked/);
    }
    expect(gate.cachedKeyCount).toBe(100);
    // And through HTTP an unknown key is still a clean 401.
    const r = await h.req(ingestRequest(randomBytes(16).toString('hex'), [messageEvent('x')]));
    expect(r.status).toBe(401);
  });

  it('lets a key limited to 10 a minute land 10 events of a first batch of 1,000, not 1,000', async () => {
    const { publicKey } = await createProjectWithKey(h, 'SHOP', { rateLimitPerMinute: 10 });
    const batch = Array.from({ length: 1_000 }, (_, i) => messageEvent(`burst ${i}`));
    const r = await h.req(ingestRequest(publicKey, batch));
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(10);
    expect(r.body.rejected).toHaveLength(990);
    expect(r.body.rejected[0]).toMatchObject({ index: 10, error: { code: 'rate_limited' } });
    const next = await h.req(ingestRequest(publicKey, [messageEvent('one more')]));
    expect(next.status).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    const logged = await h.svc.store.db
      .selectFrom('raw_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(logged.n)).toBe(10);
  });
});
