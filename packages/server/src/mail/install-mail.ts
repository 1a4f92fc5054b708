import type { ZApp } from '../http/zod-app.ts';
import type { Services } from '../services.ts';
import { MailWorker } from './mail-worker.ts';

/**
 * Embedded mode runs the mail worker inside the app process when SMTP_URL is set. A separate
 * worker process would construct `MailWorker` itself and skip this; the outbox makes that safe.
 */
export function installMailWorker(app: ZApp, svc: Services): void {
  const { SMTP_URL, MAIL_FROM } = svc.config;
  if (!SMTP_URL) return;
  const worker = new MailWorker(svc, {
    smtpUrl: SMTP_URL,
    from: MAIL_FROM,
    log: (msg, err) => app.log.warn({ err }, msg),
  });
  app.addHook('onReady', async () => {
    worker.start();
  });
  app.addHook('onClose', async () => {
    await worker.stop();
  });
}
