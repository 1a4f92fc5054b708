import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../test/api-client.ts';
import { describeEachDialect } from '../test/dialects.ts';
import { retrainModels } from './retrain.ts';

describeEachDialect('per-project priority model in the worker', (dialect) => {
  const h = useHarness(dialect);

  beforeAll(async () => {
    for (const key of ['AGREE', 'OWN']) {
      await h.req({ method: 'POST', url: '/api/v1/projects', as: h.owner, payload: { key, name: key } });
    }
  });

  /** Files `n` issues with varied impact and has a person set a priority on each by `decide(impact)`. */
  async function teach(project: string, n: number, decide: (impact: number, proposed: string) => string) {
    for (let i = 0; i < n; i++) {
      const impact = (i % 5) + 1;
      const issue = (
        await h.req({
          method: 'POST',
          url: `/api/v1/projects/${project}/issues`,
          as: h.owner,
          payload: { title: `Issue ${i}`, type: i % 2 ? 'bug' : 'task' },
        })
      ).body;
      const sev = (
        await h.req({
          method: 'PATCH',
          url: `/api/v1/issues/${issue.key}/assessment`,
          as: h.owner,
          payload: { impact },
        })
      ).body;
      const r = await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${issue.key}`,
        as: h.owner,
        payload: { version: issue.version, priority: decide(impact, sev.proposedPriority) },
      });
      expect(r.status).toBe(200);
    }
  }
  const settings = async (project: string) =>
    (await h.req({ method: 'GET', url: `/api/v1/projects/${project}/scoring`, as: h.owner })).body.model;

  it('keeps the default weights while the team agrees with them, and shows both accuracies', async () => {
    await teach('AGREE', 32, (_impact, proposed) => proposed);
    expect((await settings('AGREE')).examples).toBe(32);
    await retrainModels(h.svc.store, Date.now());
    const m = await settings('AGREE');
    expect(m).toMatchObject({ examples: 32, adopted: false, defaultAccuracy: 1 });
    expect(m.learnedAccuracy).not.toBeNull();
    expect(m.trainedAt).not.toBeNull();
  });

  it('adopts the learned weights when the team ranks its own way and the model wins by the margin', async () => {
    // This team weighs impact three times as much as the defaults do: impact 3 is already high.
    const team: Record<number, string> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'high', 5: 'urgent' };
    await teach('OWN', 40, (impact) => team[impact]!);
    await retrainModels(h.svc.store, Date.now());
    const m = await settings('OWN');
    expect(m.adopted).toBe(true);
    expect(m.learnedAccuracy).toBeGreaterThanOrEqual(m.defaultAccuracy + 0.05);
    const issue = (
      await h.req({
        method: 'POST',
        url: '/api/v1/projects/OWN/issues',
        as: h.owner,
        payload: { title: 'New one', type: 'task' },
      })
    ).body;
    const sev = (
      await h.req({
        method: 'PATCH',
        url: `/api/v1/issues/${issue.key}/assessment`,
        as: h.owner,
        payload: { impact: 5 },
      })
    ).body;
    expect(sev.model).toBe('learned');
    // The default weights would propose medium for an impact-5 task; this team's model goes higher.
    expect(sev.proposedPriority).toMatch(/^(high|urgent)$/);
  });
});
