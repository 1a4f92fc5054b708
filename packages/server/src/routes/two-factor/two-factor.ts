import { twoFactorCodeBody, twoFactorRequiredBody } from '@closeloop/shared/api/accounts';
import {
  beginTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
  setTwoFactorRequired,
  twoFactorStatus,
} from '../../commands/two-factor.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['auth'];
const codeTries = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

export function registerTwoFactorRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/me/two-factor',
    { schema: { tags, summary: 'Whether your two-factor sign-in is on, codes left, and if it is required' } },
    async (req) => twoFactorStatus(svc.store, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/me/two-factor/setup',
    { schema: { tags, summary: 'Start enrolment: a new TOTP secret and its otpauth URI' } },
    async (req) => beginTwoFactor(svc.store, svc.secrets, await actorOf(svc, req)),
  );
  app.post(
    '/api/v1/me/two-factor/confirm',
    {
      config: codeTries,
      schema: {
        tags,
        summary: 'Confirm enrolment with a code; ten recovery codes, shown once',
        body: twoFactorCodeBody,
      },
    },
    async (req) => confirmTwoFactor(svc.store, svc.secrets, await actorOf(svc, req), req.body.code),
  );
  app.post(
    '/api/v1/me/two-factor/disable',
    {
      config: codeTries,
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (a code or a recovery code)',
        body: twoFactorCodeBody,
      },
    },
    async (req, reply) => {
      await disableTwoFactor(svc.store, svc.secrets, await actorOf(svc, req), req.body.code);
      return reply.status(204).send();
    },
  );
  app.put(
    '/api/v1/workspace/two-factor',
    {
      schema: {
        tags,
        summary: 'Require two-factor sign-in of everyone (admins)',
        body: twoFactorRequiredBody,
      },
    },
    async (req) => setTwoFactorRequired(svc.store, await actorOf(svc, req), req.body.required),
  );
}
