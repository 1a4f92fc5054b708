import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUp } from '../commands/accounts.ts';
import { createIngestKey } from '../commands/ingest-keys.ts';
import { createProject } from '../commands/projects.ts';
import type { Services } from '../services.ts';
import { describeEachDialect, openTestServices } from '../test/dialects.ts';

/**
 * "Replaying the log gives the same result": the same raw event log, folded by a second worker on
 * an empty database, yields the same groups with the same counts, series and tag distributions.
 */
async function workspaceWithKey(svc: Services) {
  const { actor } = await signUp(svc.store, {
    email: 'r@example.com',
    password: 'replay-password',
    name: 'R',
  });
  await createProject(svc.store, actor, { key: 'SHOP', name: 'Shop', description: '' });
  const { row } = await createIngestKey(svc.store, actor, 'SHOP', {
    name: 'k',
    allowedOrigins: [],
    rateLimitPerMinute: 1_000_000,
  });
  return svc.ingest.gate.resolveKey(row.public_key);
}

function randomEvents(n: number) {
  const at = Date.UTC(2026, 10, 26, 9);
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 4;
    const base = {
      event_id: randomBytes(16).toString('hex'),
      timestamp: at + i * 97_000,
      session_id: `s${i % 7}`,
      user: { id: `u${i % 5}` },
      release: `shop@1.${i % 3}.0`,
      url: `https://shop.test/p/${i}`,
    };
    if (kind === 3)
      return {
        ...base,
        type: 'network',
        request: { url: `https://api.shop.test/orders/${i}`, method: 'POST', status: 500 + (i % 3) },
      };
    return {
      ...base,
      type: 'error',
      contexts: { browser: { name: i % 2 ? 'Firefox' : 'Chrome', version: '126.0' } },
      exception: {
        type: ['TypeError', 'RangeError', 'SyntaxError'][kind]!,
        value: `bad ${i}`,
        frames: [{ function: `f${kind}`, filename: 'https://shop.test/app.js', lineno: i, in_app: true }],
      },
    };
  });
}

async function snapshot(svc: Services) {
  const groups = await svc.store.db
    .selectFrom('event_groups')
    .select([
      'id',
      'fingerprint',
      'kind',
      'title',
      'event_count',
      'user_count',
      'session_count',
      'first_seen',
      'last_seen',
      'last_release',
    ])
    .orderBy('fingerprint')
    .execute();
  const out = [];
  for (const { id, ...g } of groups) {
    const hourly = await svc.store.db
      .selectFrom('group_hourly')
      .select(['hour', 'count'])
      .where('group_id', '=', id)
      .orderBy('hour')
      .execute();
    const facets = await svc.store.db
      .selectFrom('group_facets')
      .select(['facet', 'value', 'count'])
      .where('group_id', '=', id)
      .orderBy('facet')
      .orderBy('value')
      .execute();
    out.push({ ...g, hourly, facets });
  }
  return out;
}

describeEachDialect('replaying the event log', (dialect) => {
  let first: Awaited<ReturnType<typeof openTestServices>>;
  let second: Awaited<ReturnType<typeof openTestServices>>;
  beforeAll(async () => {
    first = await openTestServices(dialect);
    second = await openTestServices(dialect);
  });
  afterAll(async () => {
    await first.drop();
    await second.drop();
  });

  it('folds the same log into the same groups on an empty database', async () => {
    const key = await workspaceWithKey(first);
    const events = randomEvents(120);
    // Arrive in several batches, with a retried duplicate in between.
    await first.ingest.gate.accept(key, events.slice(0, 50));
    await first.ingest.worker.drain();
    await first.ingest.gate.accept(key, [...events.slice(40, 120)]);
    await first.ingest.worker.drain();

    await workspaceWithKey(second);
    const log = await first.store.db.selectFrom('raw_events').selectAll().orderBy('id').execute();
    await second.store.db
      .insertInto('raw_events')
      .values(log.map(({ id: _id, ...row }) => row))
      .execute();
    await second.ingest.worker.drain();

    const a = await snapshot(first);
    const b = await snapshot(second);
    expect(a.length).toBeGreaterThan(3);
    expect(a.reduce((n, g) => n + g.event_count, 0)).toBe(120);
    expect(b).toEqual(a);
  });
});
