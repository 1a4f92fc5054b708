import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { openWebShopForm } from './open-form.ts';

const TEMPLATE = '## What were you doing?\n## Which page were you on?';

describeEachDialect("an issue type's report template and required prompts", (dialect) => {
  const h = useHarness(dialect);
  let formId = '';
  let ip = 0;
  const submit = (body: Record<string, unknown>) =>
    h.req({
      method: 'POST',
      url: `/api/public/report-forms/${formId}/reports`,
      remoteAddress: `10.6.0.${++ip}`,
      payload: body,
    });
  const setRules = (payload: Record<string, unknown>, as = h.owner) =>
    h.req({ method: 'PATCH', url: '/api/v1/projects/WEB/types/bug', as, payload });

  beforeAll(async () => {
    formId = await openWebShopForm(h);
  });

  it('asks every prompt by default; admins set the template and required prompts of a type, members may not', async () => {
    const form = await h.req({ method: 'GET', url: `/api/public/report-forms/${formId}` });
    expect(form.body).toMatchObject({ template: '', required: ['steps', 'expected', 'actual'] });
    const member = await h.invite('member');
    expect((await setRules({ reportRequired: ['steps'] }, member)).status).toBe(403);
    const saved = await setRules({ reportTemplate: TEMPLATE, reportRequired: ['actual', 'steps', 'steps'] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ reportTemplate: TEMPLATE, reportRequired: ['steps', 'actual'] });
    expect((await setRules({ reportRequired: ['nope'] })).status).toBe(400);
    const types = await h.req({ method: 'GET', url: '/api/v1/projects/WEB/types', as: member });
    expect(types.body.find((t: { key: string }) => t.key === 'bug')).toMatchObject({
      reportRequired: ['steps', 'actual'],
    });
    const after = await h.req({ method: 'GET', url: `/api/public/report-forms/${formId}` });
    expect(after.body).toMatchObject({ template: TEMPLATE, required: ['steps', 'actual'] });
  });

  it('refuses a form report without the required prompts (400 naming them) and keeps nothing', async () => {
    const r = await submit({ description: 'The cart empties itself', actual: '  ' });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual({ fields: ['steps', 'actual'] });
    expect(r.body.error.message).toContain('what did you do (steps)');
    const kept = await h.svc.store.db.selectFrom('user_reports').select('id').execute();
    expect(kept).toEqual([]);
  });

  it('flags only what the type requires, and a template left as it was counts for nothing', async () => {
    const r = await submit({ description: `${TEMPLATE}\nbroken`, steps: 'open cart', actual: 'it empties' });
    expect(r.status).toBe(201);
    await h.svc.jobs.runDue();
    const [row] = await h.svc.store.db.selectFrom('user_reports').select(['gaps', 'issue_id']).execute();
    // Expected is not required here, so not missing; the template's headings are no detail.
    expect(JSON.parse(row!.gaps)).toEqual(['detail']);
    // The issue is named after the reporter's words, not the template's first heading.
    const issues = await h.req({ method: 'GET', url: '/api/v1/issues?project=WEB&limit=5', as: h.owner });
    expect(issues.body.items.map((i: { title: string }) => i.title)).toEqual(['broken']);
  });
});
