import type { Harness } from '../../test/api-client.ts';

/** Test set-up: the owner makes project WEB and turns its public report form on; returns the form id. */
export async function openWebShopForm(h: Harness): Promise<string> {
  await h.req({
    method: 'POST',
    url: '/api/v1/projects',
    as: h.owner,
    payload: { key: 'WEB', name: 'Web shop' },
  });
  const on = await h.req({
    method: 'PUT',
    url: '/api/v1/projects/WEB/report-form',
    as: h.owner,
    payload: { enabled: true },
  });
  return String(on.body.path).split('/').pop() ?? '';
}
