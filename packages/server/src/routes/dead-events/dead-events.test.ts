import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { type TestUser, useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { logPoisonEvent } from '../../test/poison-event.ts';
import { createProjectWithKey, type ProjectKey } from '../sentry/sentry-test-kit.ts';

const eventId = () => randomBytes(16).toString('hex');
const errorEvent = (value: string) => ({
  event_id: eventId(),
  type: 'error',
  timestamp: Date.now(),
  exception: {
    type: 'TypeError',
    value,
    frames: [{ function: 'checkout', filename: 'app.js', in_app: true }],
  },
});

/**
 * "No input stops the pipeline": an event the worker cannot process is set aside with its error,
 * the events after it are grouped, and an admin retries or discards it.
 */
describeEachDialect('set-aside events (dead letters)', (dialect) => {
  const h = useHarness(dialect);
  let member: TestUser;
  let key: ProjectKey;
  let project: { id: number; workspace_id: number };

  beforeAll(async () => {
    member = await h.invite('member');
    key = await createProjectWithKey(h, 'SHOP');
    project = await h.svc.store.db
      .selectFrom('projects')
      .select(['id', 'workspace_id'])
      .where('key', '=', 'SHOP')
      .executeTakeFirstOrThrow();
  });

  const send = async (events: unknown[]) => {
    const r = await h.req({
      method: 'POST',
      url: `/api/ingest/v1/events?key=${key.publicKey}`,
      payload: { v: 1, events },
    });
    expect(r.status).toBe(202);
  };
  const logPoison = () => logPoisonEvent(h.svc.store, project);
  const grouped = async () =>
    Number(
      (
        await h.svc.store.db
          .selectFrom('event_groups')
          .select((eb) => eb.fn.sum<number>('event_count').as('n'))
          .where('project_id', '=', project.id)
          .executeTakeFirstOrThrow()
      ).n ?? 0,
    );
  const list = async () => {
    const r = await h.req({ method: 'GET', url: '/api/v1/projects/SHOP/dead-events', as: h.owner });
    expect(r.status).toBe(200);
    return r.body as {
      total: number;
      items: {
        id: number;
        eventId: string;
        error: string;
        attempts: number;
        retryRequestedAt: string | null;
      }[];
    };
  };

  it('sets a poison event aside with its error and keeps grouping the events after it', async () => {
    await send([errorEvent('before')]);
    const poison = await logPoison();
    await send([errorEvent('after 1'), errorEvent('after 2')]);
    await h.svc.ingest.worker.drain();

    expect(await grouped()).toBe(3);
    const l = await list();
    expect(l.total).toBe(1);
    expect(l.items[0]).toMatchObject({ eventId: poison, attempts: 2, retryRequestedAt: null });
    expect(l.items[0]!.error).toMatch(/TypeError/);

    // Later events keep flowing past it.
    await send([errorEvent('later')]);
    await h.svc.ingest.worker.drain();
    expect(await grouped()).toBe(4);
  });

  it('lets only admins see, retry or discard set-aside events', async () => {
    const id = (await list()).items[0]!.id;
    for (const [method, url] of [
      ['GET', '/api/v1/projects/SHOP/dead-events'],
      ['POST', `/api/v1/projects/SHOP/dead-events/${id}/retry`],
      ['DELETE', `/api/v1/projects/SHOP/dead-events/${id}`],
    ] as const) {
      const r = await h.req({ method, url, as: member });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    const missing = await h.req({
      method: 'POST',
      url: '/api/v1/projects/SHOP/dead-events/999999/retry',
      as: h.owner,
    });
    expect(missing.status).toBe(404);
  });

  it('retries: still failing, it stays with one more attempt; once its cause is gone, it is grouped once', async () => {
    const [item] = (await list()).items;
    const retry = () =>
      h.req({ method: 'POST', url: `/api/v1/projects/SHOP/dead-events/${item!.id}/retry`, as: h.owner });
    expect((await retry()).status).toBe(202);
    expect((await list()).items[0]!.retryRequestedAt).not.toBeNull();
    await h.svc.ingest.worker.drain();
    expect((await list()).items[0]).toMatchObject({ attempts: 3, retryRequestedAt: null });

    // The cause goes away (here the stored row is repaired); the retry now folds it, exactly once.
    await h.svc.store.db
      .updateTable('raw_events')
      .set({ payload: JSON.stringify(errorEvent('repaired')) })
      .where('event_id', '=', item!.eventId)
      .execute();
    expect((await retry()).status).toBe(202);
    await h.svc.ingest.worker.drain();
    expect((await list()).total).toBe(0);
    expect(await grouped()).toBe(5);
    await h.svc.ingest.worker.drain();
    expect(await grouped()).toBe(5);
  });

  it('discards: the event leaves the list and is never grouped', async () => {
    await logPoison();
    await h.svc.ingest.worker.drain();
    const [item] = (await list()).items;
    const r = await h.req({
      method: 'DELETE',
      url: `/api/v1/projects/SHOP/dead-events/${item!.id}`,
      as: h.owner,
    });
    expect(r.status).toBe(204);
    expect((await list()).total).toBe(0);
    expect(await grouped()).toBe(5);
    const again = await h.req({
      method: 'DELETE',
      url: `/api/v1/projects/SHOP/dead-events/${item!.id}`,
      as: h.owner,
    });
    expect(again.status).toBe(404);
  });
});
