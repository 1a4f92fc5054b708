import { TokenBuckets } from '@closeloop/core/ingest/token-bucket';
import { projectKeyParam } from '@closeloop/shared/api/params';
import {
  knownIssuesQuery,
  knownIssuesSchema,
  publicFormSchema,
  publicReceiptSchema,
  publicReportBody,
  reportFormSettingsBody,
  reportFormSettingsSchema,
  trackingMessageSchema,
  trackingReplyBody,
  trackingSchema,
} from '@closeloop/shared/api/public-intake';
import { z } from 'zod';
import { knownIssues } from '../../commands/known-issues.ts';
import {
  getPublicForm,
  getReportFormSettings,
  replyToTracking,
  setReportFormSettings,
  submitPublicReport,
  trackReport,
} from '../../commands/public-intake.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

/** A report is a few paragraphs: anything bigger is refused before it is parsed (413). */
export const PUBLIC_REPORT_BODY_LIMIT = 64 * 1024;

const tags = ['intake'];
const formId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a report form id');
const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a tracking token');

export function registerPublicFormRoutes(app: ZApp, svc: Services) {
  const limiter = new TokenBuckets();
  app.get(
    '/api/public/report-forms/:formId',
    {
      // Anyone may use the public form: the form must be on, and the rate per IP applies.
      config: { anonymous: true },
      schema: {
        tags,
        summary: 'A public report form (no sign-in); 404 when the project turned it off',
        params: z.object({ formId }),
        response: { 200: publicFormSchema },
      },
    },
    async (req) => getPublicForm(svc, req.params.formId),
  );
  app.get(
    '/api/public/report-forms/:formId/known-issues',
    {
      // Anyone may ask while typing on an open form: titles of publicly answered issues only; rate per IP.
      config: { anonymous: true },
      schema: {
        tags,
        summary: 'Open issues that look like the report being typed ("Is it one of these?"): titles only',
        params: z.object({ formId }),
        querystring: knownIssuesQuery,
        response: { 200: knownIssuesSchema },
      },
    },
    async (req) => knownIssues(svc, limiter, req.params.formId, req.ip, req.query.text),
  );
  app.post(
    '/api/public/report-forms/:formId/reports',
    {
      // Anyone may use the public form: the form must be on, and the rate per IP applies.
      config: { anonymous: true },
      bodyLimit: PUBLIC_REPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Send a report through the public form: rate-limited per IP, honeypot, size limits',
        params: z.object({ formId }),
        body: publicReportBody,
        response: { 201: publicReceiptSchema },
      },
    },
    async (req, reply) => {
      const receipt = await submitPublicReport(svc, limiter, req.params.formId, req.ip, req.body);
      return reply.status(201).send(receipt);
    },
  );
  app.get(
    '/api/public/tracking/:token',
    {
      // Anyone may use the public form: the form must be on, and the rate per IP applies.
      config: { anonymous: true },
      schema: {
        tags,
        summary: "Where a report sent through the public form stands (its reporter's tracking link)",
        params: z.object({ token }),
        response: { 200: trackingSchema },
      },
    },
    async (req) => trackReport(svc, req.params.token),
  );
  app.post(
    '/api/public/tracking/:token/replies',
    {
      // The tracking token is the reporter's credential: whoever holds it may answer; rate per IP.
      config: { anonymous: true },
      bodyLimit: PUBLIC_REPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "The reporter's reply from their tracking page: a comment on the report's issue",
        params: z.object({ token }),
        body: trackingReplyBody,
        response: { 201: trackingMessageSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await replyToTracking(svc, limiter, req.params.token, req.ip, req.body)),
  );
  app.get(
    '/api/v1/projects/:key/report-form',
    {
      schema: {
        tags,
        summary: "The project's public report form: on or off, and its path",
        params: z.object({ key: projectKeyParam }),
        response: { 200: reportFormSettingsSchema },
      },
    },
    async (req) => getReportFormSettings(svc, await actorOf(svc, req), req.params.key),
  );
  app.put(
    '/api/v1/projects/:key/report-form',
    {
      schema: {
        tags,
        summary: 'Turn the public report form on or off (admins)',
        params: z.object({ key: projectKeyParam }),
        body: reportFormSettingsBody,
        response: { 200: reportFormSettingsSchema },
      },
    },
    async (req) => setReportFormSettings(svc, await actorOf(svc, req), req.params.key, req.body),
  );
}
