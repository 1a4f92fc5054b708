import { apiTokenCreateBody } from '@closeloop/shared/api/accounts';
import { idParam } from '@closeloop/shared/api/common';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../commands/api-tokens.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['api tokens'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
const present = (r: TokenRow, token?: string) => ({
  id: r.id,
  name: r.name,
  prefix: r.token_prefix,
  createdAt: iso(r.created_at),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
  expiresAt: iso(r.expires_at),
  readOnly: Number(r.read_only) === 1,
  project: r.project_key ?? null,
  ...(token ? { token } : {}),
});

export function registerTokenRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/tokens',
    { schema: { tags, summary: 'Your personal API tokens (never the secrets)' } },
    async (req) => (await listApiTokens(svc.store, await actorOf(svc, req))).map((r) => present(r)),
  );
  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags,
        summary:
          'Create a personal API token (optionally read-only or limited to one project); the secret is shown once',
        body: apiTokenCreateBody,
      },
    },
    async (req, reply) => {
      const { row, token } = await createApiToken(svc.store, await actorOf(svc, req), req.body);
      return reply.status(201).send(present(row, token));
    },
  );
  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: 'Revoke a token', params: z.object({ id: idParam }) } },
    async (req) => present(await revokeApiToken(svc.store, await actorOf(svc, req), req.params.id)),
  );
}
