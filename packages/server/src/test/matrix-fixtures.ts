import { createApiToken } from '../commands/api-tokens.ts';
import { insertUser } from '../store/users-store.ts';
import { insertMembership, insertWorkspace } from '../store/workspaces-store.ts';
import type { Harness, TestUser } from './api-client.ts';

/**
 * Everything the authorisation matrix needs: one user per role in workspace A, the owner of
 * workspace B, a revoked token, an expired session, an ingest key, the owner's scoped tokens
 * (read-only, project MAT, project OTH), and one of each resource a
 * route's path can name, so an allowed call reaches its command instead of a 404.
 */
export interface MatrixWorld {
  users: { viewer: TestUser; member: TestUser; admin: TestUser; owner: TestUser; outsider: TestUser };
  revokedToken: string;
  expiredSession: string;
  /** The owner's scoped tokens: read-only; limited to MAT; limited to another project (OTH). */
  scopedTokens: { readOnly: string; project: string; otherProject: string };
  ingestKey: string;
  sentryProjectId: string;
  params: Record<string, string>;
}

export async function buildMatrixWorld(h: Harness): Promise<MatrixWorld> {
  const ok = async (method: 'POST' | 'PUT', url: string, payload: unknown, as: TestUser = h.owner) => {
    const r = await h.req({ method, url, as, payload: payload as Record<string, unknown> });
    if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const viewer = await h.invite('viewer', 'Vera Viewer');
  const member = await h.invite('member', 'Max Member');
  const admin = await h.invite('admin', 'Ada Admin');

  const ws = await insertWorkspace(h.svc.store, { name: 'Other Co', slug: 'other-co' });
  const u = await insertUser(h.svc.store, { email: 'eve@other.test', name: 'Eve', passwordHash: 'x' });
  await insertMembership(h.svc.store, { workspaceId: ws.id, userId: u.id, role: 'owner' });
  const outsiderToken = (
    await createApiToken(h.svc.store, { userId: u.id, workspaceId: ws.id, role: 'owner' }, { name: 'm' })
  ).token;

  const revoked = await ok('POST', '/api/v1/tokens', { name: 'soon revoked' }, member);
  const del = await h.req({ method: 'DELETE', url: `/api/v1/tokens/${revoked.id}`, as: member });
  if (del.status !== 200) throw new Error(`revoke → ${del.status}`);

  const login = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: member.email, password: 'password-123' },
  });
  const expiredSession = login.cookies.find((c) => c.name === 'cl_session')!.value;
  await h.svc.store.db
    .updateTable('sessions')
    .set({ expires_at: Date.now() - 1000 })
    .where('user_id', '=', member.id)
    .execute();

  const again = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: member.email, password: 'password-123' },
  });
  if (again.statusCode !== 200) throw new Error(`member sign-in → ${again.statusCode}`);
  const memberSession = await h.svc.store.db
    .selectFrom('sessions')
    .select('id')
    .where('user_id', '=', member.id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  await ok('POST', '/api/v1/projects', { key: 'MAT', name: 'Matrix' });
  const issue = await ok('POST', '/api/v1/projects/MAT/issues', { title: 'First' });
  const other = await ok('POST', '/api/v1/projects/MAT/issues', { title: 'Second' });
  const comment = await ok('POST', `/api/v1/issues/${issue.key}/comments`, { body: 'hello' });
  const label = await ok('POST', '/api/v1/labels', { name: 'matrix' });
  const milestone = await ok('POST', '/api/v1/projects/MAT/milestones', { name: 'M1' });
  const team = await ok('POST', '/api/v1/teams', { key: 'team', name: 'Team' });
  const view = await ok('POST', '/api/v1/views', { name: 'Mine', query: 'project:MAT', shared: true });
  const link = await ok('POST', `/api/v1/issues/${issue.key}/links`, {
    type: 'relates_to',
    target: other.key,
  });
  const worklog = await ok('POST', `/api/v1/issues/${issue.key}/worklogs`, { minutes: 30 });
  const field = await ok('POST', '/api/v1/projects/MAT/fields', { key: 'area', name: 'Area', type: 'text' });
  const type = await ok('POST', '/api/v1/projects/MAT/types', { key: 'spike', name: 'Spike' });
  const key = await ok('POST', '/api/v1/projects/MAT/ingest-keys', { name: 'web' });
  const ownerToken = await ok('POST', '/api/v1/tokens', { name: 'matrix' });
  await ok('POST', '/api/v1/projects', { key: 'OTH', name: 'Other project' });
  const scopedTokens = {
    readOnly: (await ok('POST', '/api/v1/tokens', { name: 'read', readOnly: true })).token,
    project: (await ok('POST', '/api/v1/tokens', { name: 'mat', project: 'MAT' })).token,
    otherProject: (await ok('POST', '/api/v1/tokens', { name: 'oth', project: 'OTH' })).token,
  };
  const webhook = await ok('POST', '/api/v1/webhooks', {
    name: 'Matrix',
    url: 'https://hooks.example.com/matrix',
    events: ['issue.created'],
  });
  const invitation = await ok('POST', '/api/v1/invitations', {
    email: 'pending@example.com',
    role: 'viewer',
  });
  const hook = await ok('PUT', '/api/v1/projects/MAT/repository-hook', { branch: 'main' });
  // A viewer to be demoted and removed, so the callers above keep their roles.
  const target = await h.invite('viewer', 'Tim Target');
  // A mention notifies the viewer: a notification that belongs to someone in workspace A.
  await ok('POST', `/api/v1/issues/${issue.key}/comments`, { body: 'ping @owner' }, member);
  const notification = (await h.req({ method: 'GET', url: '/api/v1/notifications', as: h.owner })).body
    ?.items?.[0];
  return {
    users: {
      viewer,
      member,
      admin,
      owner: h.owner,
      outsider: { id: u.id, email: 'eve@other.test', token: outsiderToken },
    },
    revokedToken: revoked.token,
    expiredSession,
    scopedTokens,
    ingestKey: key.publicKey,
    sentryProjectId: String(key.dsn).split('/').at(-1)!,
    params: {
      issue: issue.key,
      invitation: String(invitation.id),
      session: String(memberSession.id),
      webhook: String(webhook.id),
      hook: String(hook.url).split('/').at(-1)!,
      notification: String(notification?.id ?? 1),
      comment: String(comment.id),
      label: String(label.id),
      milestone: String(milestone.id),
      team: String(team.id),
      view: String(view.id),
      link: String(link.id),
      worklog: String(worklog.id),
      field: String(field.key ?? field.id),
      type: String(type.key ?? type.id),
      ingestKey: String(key.id),
      token: String(ownerToken.id),
      member: String(target.id),
    },
  };
}
