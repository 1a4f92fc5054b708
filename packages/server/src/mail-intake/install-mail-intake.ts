import type { ZApp } from '../http/zod-app.ts';
import type { Services } from '../services.ts';
import { SmtpIntake } from './smtp-intake.ts';

/**
 * Starts the SMTP listener with the HTTP app when MAIL_INTAKE_SMTP_PORT is set, so it runs in the
 * processes that face the outside (roles `all` and `api`), never in `worker` ones: like the HTTP
 * ingest it only checks, stores and enqueues (filing is the `report.file` job, which workers
 * run), workers have no listening ports to expose, and the per-sender rate and the database's
 * dedupe by Message-ID hold across several API processes on PostgreSQL.
 */
export function installMailIntake(app: ZApp, svc: Services): void {
  const port = svc.config.MAIL_INTAKE_SMTP_PORT;
  if (port === undefined) return;
  const intake = new SmtpIntake(svc, {
    port,
    host: svc.config.MAIL_INTAKE_SMTP_HOST,
    log: (msg, err) => app.log.warn({ err }, msg),
  });
  app.addHook('onReady', async () => {
    const bound = await intake.start();
    app.log.info(`mail intake listening for @${svc.config.MAIL_INTAKE_DOMAIN} on SMTP port ${bound}`);
  });
  app.addHook('onClose', async () => {
    await intake.stop();
  });
}
