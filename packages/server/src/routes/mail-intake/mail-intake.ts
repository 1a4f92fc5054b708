import { timingSafeEqual } from 'node:crypto';
import { idParam } from '@closeloop/shared/api/common';
import { inboundMailBody, inboundMailResultSchema } from '@closeloop/shared/api/mail-intake';
import { issueKeyParam } from '@closeloop/shared/api/params';
import { Forbidden, RateLimited } from '@closeloop/shared/errors';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { receiveMail, senderMayMail } from '../../commands/mail-intake.ts';
import { commentAttachment, reportAttachment } from '../../commands/report-attachments.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import { webhookMail } from '../../mail-intake/inbound-mail.ts';
import type { Services } from '../../services.ts';

const tags = ['intake'];
export const MAIL_SECRET_HEADER = 'x-closeloop-mail-secret';

/** A constant-time comparison, so the secret cannot be guessed byte by byte from answer times. */
function secretMatches(given: unknown, secret: string | undefined): boolean {
  if (!secret || typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerMailIntakeRoutes(app: ZApp, svc: Services) {
  // base64 grows attachments by a third; the JSON around them is small.
  const bodyLimit = Math.ceil((svc.config.MAIL_INTAKE_MAX_BYTES * 4) / 3) + 64 * 1024;
  app.post(
    '/api/hooks/v1/mail',
    {
      // A mail provider calls it with the shared secret, not as a user.
      config: { anonymous: true },
      bodyLimit,
      // The secret is checked before the body is validated: without it nothing about the body is answered.
      preValidation: async (req) => {
        if (
          !svc.config.MAIL_INTAKE_DOMAIN ||
          !secretMatches(req.headers[MAIL_SECRET_HEADER], svc.config.MAIL_INTAKE_WEBHOOK_SECRET)
        )
          throw new Forbidden('Mail webhook secret missing or wrong (or the webhook is off)');
      },
      schema: {
        tags,
        summary:
          "Inbound mail from a mail provider's webhook (header X-Closeloop-Mail-Secret): files reports and reply comments",
        body: inboundMailBody,
        response: { 200: inboundMailResultSchema },
      },
    },
    async (req) => {
      const mail = webhookMail(req.body);
      if (mail.from) {
        const allowed = await senderMayMail(svc, mail.from.address);
        if (!allowed.ok)
          throw new RateLimited(
            'Too many mails from this sender; try again shortly',
            allowed.retryAfterSeconds,
            {
              limitPerMinute: svc.config.MAIL_INTAKE_PER_SENDER_PER_MINUTE,
            },
          );
      }
      return { results: await receiveMail(svc, mail) };
    },
  );
  app.get(
    '/api/v1/issues/:key/user-reports/attachments/:id',
    {
      schema: {
        tags,
        summary: 'A file that came with a report filed into this issue (a mailed attachment)',
        params: z.object({ key: issueKeyParam, id: idParam }),
      },
    },
    async (req, reply) =>
      sendFile(reply, await reportAttachment(svc, await actorOf(svc, req), req.params.key, req.params.id)),
  );
  app.get(
    '/api/v1/issues/:key/comments/attachments/:id',
    {
      schema: {
        tags,
        summary: 'A file that came with a mailed reply (a comment on this issue)',
        params: z.object({ key: issueKeyParam, id: idParam }),
      },
    },
    async (req, reply) =>
      sendFile(reply, await commentAttachment(svc, await actorOf(svc, req), req.params.key, req.params.id)),
  );
}

/** A stored file: only safe types inline, never sniffed into something else. */
function sendFile(
  reply: FastifyReply,
  f: { filename: string; contentType: string; inline: boolean; data: Buffer },
) {
  const name = encodeURIComponent(f.filename);
  return reply
    .header('content-type', f.contentType)
    .header('content-disposition', `${f.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`)
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}
