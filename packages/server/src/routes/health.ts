import { sql } from 'kysely';
import type { ZApp } from '../http/zod-app.ts';
import type { Services } from '../services.ts';

export function registerHealthRoutes(app: ZApp, svc: Services) {
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`SELECT 1`.execute(svc.store.db);
      return { ok: true, database: svc.store.dialect };
    } catch {
      return reply
        .status(503)
        .send({ error: { code: 'unavailable', message: 'Database unreachable', details: null } });
    }
  });
}
