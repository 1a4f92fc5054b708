import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseQueryString } from 'node:querystring';
import { storableJsonText, storableQueryString } from '@closeloop/shared/storable-text';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { installErrorHandling } from './http/error-handler.ts';
import { installSameOriginWrites } from './http/same-origin.ts';
import { installSignInFirst } from './http/sign-in-first.ts';
import type { ZApp } from './http/zod-app.ts';
import { installLive } from './live/install-live.ts';
import { installMailWorker } from './mail/install-mail.ts';
import { installMailIntake } from './mail-intake/install-mail-intake.ts';
import { registerAssignmentRoutes } from './routes/assignment/assignment.ts';
import { registerAuditLogRoutes } from './routes/audit-log/audit-log.ts';
import { registerAuthRoutes } from './routes/auth/auth.ts';
import { registerAutomationRoutes } from './routes/automation/automation.ts';
import { registerClosingRoutes } from './routes/closing/closing.ts';
import { registerClosingSettingsRoutes } from './routes/closing/closing-settings.ts';
import { registerCommentRoutes } from './routes/comments/comments.ts';
import { registerCustomFieldRoutes } from './routes/custom-fields/custom-fields.ts';
import { registerDeadEventRoutes } from './routes/dead-events/dead-events.ts';
import { registerFixVerificationRoutes } from './routes/fix-verification/fix-verification.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerIngestRoutes } from './routes/ingest/ingest.ts';
import { registerReplayIngestRoutes } from './routes/ingest/replay-ingest.ts';
import { registerReportIngestRoutes } from './routes/ingest/report-ingest.ts';
import { registerReportWidgetRoutes } from './routes/ingest/report-widget.ts';
import { registerIngestKeyRoutes } from './routes/ingest-keys/ingest-keys.ts';
import { registerIssueTypeRoutes } from './routes/issue-types/issue-types.ts';
import { registerIssueRoutes } from './routes/issues/issues.ts';
import { registerLabelRoutes } from './routes/labels/labels.ts';
import { registerLessonRoutes } from './routes/lessons/lessons.ts';
import { registerMailIntakeRoutes } from './routes/mail-intake/mail-intake.ts';
import { registerProjectMailIntakeRoutes } from './routes/mail-intake/project-mail-intake.ts';
import { registerMemberRoutes } from './routes/members/members.ts';
import { registerMilestoneRoutes } from './routes/milestones/milestones.ts';
import { registerMonitoringRoutes } from './routes/monitoring/monitoring.ts';
import { registerNotificationRoutes } from './routes/notifications/notifications.ts';
import { registerPastResolutionRoutes } from './routes/past-resolutions/past-resolutions.ts';
import { registerPerformanceRoutes } from './routes/performance/performance.ts';
import { registerEndUserDataRoutes } from './routes/privacy/end-user-data.ts';
import { registerProjectRoutes } from './routes/projects/projects.ts';
import { registerReactionRoutes } from './routes/reactions/reactions.ts';
import { registerRecurrenceRoutes } from './routes/recurrence/recurrence.ts';
import { registerRelationRoutes } from './routes/relations/relations.ts';
import { registerRecordReleaseRoutes } from './routes/releases/record-release.ts';
import { registerReleaseIssueRoutes } from './routes/releases/release-issues.ts';
import { registerReplayRoutes } from './routes/replays/replays.ts';
import { registerReportRoutes } from './routes/reports/reports.ts';
import { registerRepositoryHookRoutes } from './routes/repository-hooks/repository-hooks.ts';
import { registerSentryRoutes } from './routes/sentry/sentry.ts';
import { registerSentryDataRoutes } from './routes/sentry/sentry-data.ts';
import { registerSessionRoutes } from './routes/sessions/sessions.ts';
import { registerSimilarityRoutes } from './routes/similarity/similarity.ts';
import { registerSlaRoutes } from './routes/sla/sla.ts';
import { registerSsoRoutes } from './routes/sso/sso.ts';
import { registerStreamRoutes } from './routes/stream/stream.ts';
import { registerTeamRoutes } from './routes/teams/teams.ts';
import { registerTokenRoutes } from './routes/tokens/tokens.ts';
import { registerTriageRoutes } from './routes/triage/triage.ts';
import { registerTwoFactorRoutes } from './routes/two-factor/two-factor.ts';
import { registerPublicFormRoutes } from './routes/user-reports/public-form.ts';
import { registerUserReportRoutes } from './routes/user-reports/user-reports.ts';
import { registerViewRoutes } from './routes/views/views.ts';
import { registerWatcherRoutes } from './routes/watchers/watchers.ts';
import { registerWebhookRoutes } from './routes/webhooks/webhooks.ts';
import { registerWorkflowRoutes } from './routes/workflows/workflows.ts';
import type { Services } from './services.ts';

export const API_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP app without listening, so tests drive it with inject() or a real port alike.
 * Every route is registered here and nowhere else.
 */
export async function buildApp(
  svc: Services,
  opts: { logger?: FastifyServerOptions['logger']; webDist?: string } = {},
): Promise<ZApp> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: API_BODY_LIMIT,
    // Only configured proxies (TRUST_PROXY) may set the client address through X-Forwarded-For.
    trustProxy: svc.config.trustProxy,
    // NUL is made storable at the edge (shared/storable-text.ts), so both databases hold the same text.
    routerOptions: { querystringParser: (query) => parseQueryString(storableQueryString(query)) },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  // The API speaks JSON only; a text/plain body (what a cross-site form can send) answers 415.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) =>
    parseJson(req, storableJsonText(body as string), done),
  );

  await app.register(cookie);
  installSameOriginWrites(app, svc.config.publicUrl);
  installSignInFirst(app, svc);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Closeloop API',
        version: '1.0.0',
        description: 'Issues from identification to closure.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (clt_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'cl_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets inline style attributes, which the hash-only style-src of its static CSP blocks.
    transformStaticCSP: (header) => header.replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';"),
  });

  registerHealthRoutes(app, svc);
  registerAuthRoutes(app, svc);
  registerMemberRoutes(app, svc);
  registerTokenRoutes(app, svc);
  registerProjectRoutes(app, svc);
  registerTeamRoutes(app, svc);
  registerLabelRoutes(app, svc);
  registerLessonRoutes(app, svc);
  registerReportRoutes(app, svc);
  registerRepositoryHookRoutes(app, svc);
  registerPastResolutionRoutes(app, svc);
  registerClosingRoutes(app, svc);
  registerClosingSettingsRoutes(app, svc);
  registerReleaseIssueRoutes(app, svc);
  registerRecordReleaseRoutes(app, svc);
  registerRecurrenceRoutes(app, svc);
  registerFixVerificationRoutes(app, svc);
  registerIssueRoutes(app, svc);
  registerTriageRoutes(app, svc);
  registerWorkflowRoutes(app, svc);
  registerIssueTypeRoutes(app, svc);
  registerCustomFieldRoutes(app, svc);
  registerViewRoutes(app, svc);
  registerRelationRoutes(app, svc);
  registerMilestoneRoutes(app, svc);
  registerCommentRoutes(app, svc);
  registerReactionRoutes(app, svc);
  registerWatcherRoutes(app, svc);
  registerSimilarityRoutes(app, svc);
  registerNotificationRoutes(app, svc);
  registerStreamRoutes(app, svc);
  registerIngestKeyRoutes(app, svc);
  registerDeadEventRoutes(app, svc);
  registerMonitoringRoutes(app, svc);
  registerPerformanceRoutes(app, svc);
  registerIngestRoutes(app, svc.ingest.gate);
  registerReplayIngestRoutes(app, svc);
  registerReplayRoutes(app, svc);
  registerSentryRoutes(app, svc);
  registerAssignmentRoutes(app, svc);
  registerSlaRoutes(app, svc);
  registerSentryDataRoutes(app, svc);
  registerReportIngestRoutes(app, svc);
  registerReportWidgetRoutes(app, svc);
  registerUserReportRoutes(app, svc);
  registerPublicFormRoutes(app, svc);
  registerMailIntakeRoutes(app, svc);
  registerProjectMailIntakeRoutes(app, svc);
  registerWebhookRoutes(app, svc);
  registerAuditLogRoutes(app, svc);
  registerEndUserDataRoutes(app, svc);
  registerSessionRoutes(app, svc);
  registerTwoFactorRoutes(app, svc);
  registerSsoRoutes(app, svc);
  registerAutomationRoutes(app, svc);
  installLive(app, svc);
  installMailWorker(app, svc);
  installMailIntake(app, svc);

  const webDist = opts.webDist ?? join(import.meta.dirname, '../../web/dist');
  if (existsSync(join(webDist, 'index.html'))) {
    // Source maps stay on disk (for upload to a monitor) but are not served: they would publish the source.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      allowedPath: (path) => !path.endsWith('.map'),
    });
    // The SPA owns every non-API path; unknown API paths still answer the JSON 404.
    // A catch-all GET route, not a second not-found handler (installErrorHandling owns that one and
    // Fastify allows one per prefix). Files and API routes are more specific, so they still win.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send({
          error: {
            code: 'not_found',
            message: `No route ${req.method} ${req.url.split('?')[0]}`,
            details: null,
          },
        });
      }
      return reply.sendFile('index.html');
    });
  }
  return app;
}
