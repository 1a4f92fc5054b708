import { ssoCallbackBody, ssoSettingsBody, ssoStartBody } from '@closeloop/shared/api/sso';
import { me } from '../../commands/accounts.ts';
import { getSsoSettings, saveSsoSettings } from '../../commands/sso-settings.ts';
import { completeSsoSignIn, startSsoSignIn } from '../../commands/sso-sign-in.ts';
import { actorOf } from '../../http/authenticate.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['auth'];
/** Holds the state of a sign-in under way in the browser that started it; read only by the callback. */
const STATE_COOKIE = 'cl_sso_state';
const STATE_COOKIE_PATH = '/api/v1/auth/sso';

export function registerSsoRoutes(app: ZApp, svc: Services) {
  const limited = { rateLimit: { max: 30, timeWindow: '1 minute' }, anonymous: true };

  app.get(
    '/api/v1/workspace/sso',
    {
      schema: {
        tags,
        summary: 'Single sign-on settings of your workspace (admins); never the client secret',
      },
    },
    async (req) => getSsoSettings(svc, await actorOf(svc, req)),
  );
  app.put(
    '/api/v1/workspace/sso',
    {
      schema: {
        tags,
        summary: 'Set the OpenID Connect provider, allowed email domains and "SSO only" (admins)',
        body: ssoSettingsBody,
      },
    },
    async (req) => saveSsoSettings(svc, await actorOf(svc, req), req.body),
  );

  app.post(
    '/api/v1/auth/sso/start',
    {
      config: limited,
      schema: {
        tags,
        summary: "Start signing in through the workspace's provider: the URL to send the browser to",
        body: ssoStartBody,
      },
    },
    async (req, reply) => {
      const { url, state } = await startSsoSignIn(svc, req.body);
      reply.setCookie(STATE_COOKIE, state, {
        path: STATE_COOKIE_PATH,
        httpOnly: true,
        // Lax: the app's callback page posts it back from our own origin after the provider's redirect.
        sameSite: 'lax',
        secure: svc.config.publicUrl.startsWith('https://'),
        maxAge: 600,
      });
      return { url };
    },
  );

  app.post(
    '/api/v1/auth/sso/callback',
    {
      config: limited,
      schema: {
        tags,
        summary: "Finish signing in with the provider's code and state; sets the session cookie",
        body: ssoCallbackBody,
      },
    },
    async (req, reply) => {
      reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
      const { sessionToken, actor, next } = await completeSsoSignIn(
        svc,
        { ...req.body, browserState: req.cookies[STATE_COOKIE] },
        { ip: req.ip },
      );
      setSessionCookie(svc, reply, sessionToken);
      return { me: await me(svc.store, actor), next };
    },
  );
}
