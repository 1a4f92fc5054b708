import {
  loginBody,
  passwordChangeBody,
  passwordResetCompleteBody,
  passwordResetRequestBody,
  signupBody,
  twoFactorSignInBody,
} from '@closeloop/shared/api/accounts';
import { Unauthenticated } from '@closeloop/shared/errors';
import { logIn, logOut, me, signUp } from '../../commands/accounts.ts';
import { changePassword } from '../../commands/password-change.ts';
import { completePasswordReset, requestPasswordReset } from '../../commands/password-reset.ts';
import { completeTwoFactorSignIn } from '../../commands/two-factor-sign-in.ts';
import { actorOf, SESSION_COOKIE } from '../../http/authenticate.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['auth'];

export function registerAuthRoutes(app: ZApp, svc: Services) {
  // Sign-up, sign-in, sign-out and the session probe are for callers who are not signed in (yet).
  const limited = { rateLimit: { max: 30, timeWindow: '1 minute' }, anonymous: true };

  app.post(
    '/api/v1/auth/signup',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Create the first account (and workspace) or accept an invitation',
        body: signupBody,
      },
    },
    async (req, reply) => {
      const { sessionToken, actor } = await signUp(svc.store, req.body, svc.config.session);
      setSessionCookie(svc, reply, sessionToken);
      return reply.status(201).send(await me(svc.store, actor));
    },
  );

  app.post(
    '/api/v1/auth/login',
    { config: limited, schema: { tags, summary: 'Sign in; sets the session cookie', body: loginBody } },
    async (req, reply) => {
      const result = await logIn(svc.store, req.body, { ip: req.ip, session: svc.config.session });
      // Two-factor sign-in on: no session yet, only the challenge for the code step.
      if ('challenge' in result) return { twoFactorRequired: true, challenge: result.challenge };
      setSessionCookie(svc, reply, result.sessionToken);
      return me(svc.store, result.actor);
    },
  );

  app.post(
    '/api/v1/auth/login/two-factor',
    {
      config: limited,
      schema: {
        tags,
        summary:
          'Second sign-in step: the challenge and a code (or a recovery code); sets the session cookie',
        body: twoFactorSignInBody,
      },
    },
    async (req, reply) => {
      const { sessionToken, actor } = await completeTwoFactorSignIn(svc.store, svc.secrets, req.body, {
        ip: req.ip,
        session: svc.config.session,
      });
      setSessionCookie(svc, reply, sessionToken);
      return me(svc.store, actor);
    },
  );

  // Per IP here; per account in the command (a few mails an hour), so neither a guesser nor a
  // prankster flooding someone's inbox gets far. The answer is the same whether the account exists.
  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { rateLimit: { max: 5, timeWindow: '15 minutes' }, anonymous: true },
      schema: {
        tags,
        summary: 'Mail a password reset link, if the address has an account',
        body: passwordResetRequestBody,
      },
    },
    async (req, reply) => {
      await requestPasswordReset(svc.store, req.body, { ip: req.ip });
      return reply.status(202).send({ sent: 'If this address has an account, a reset link is on its way.' });
    },
  );

  app.post(
    '/api/v1/auth/password-reset/complete',
    {
      config: limited,
      schema: {
        tags,
        summary: 'Set a new password with a mailed reset token; ends every other session',
        body: passwordResetCompleteBody,
      },
    },
    async (req, reply) => {
      const { sessionToken, actor } = await completePasswordReset(svc.store, req.body, {
        ip: req.ip,
        session: svc.config.session,
      });
      if (sessionToken === null) return { signInAgain: true };
      setSessionCookie(svc, reply, sessionToken);
      return me(svc.store, actor);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { anonymous: true }, schema: { tags, summary: 'Sign out' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logOut(svc.store, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  // The app's start-up probe: answers 200 either way, so a signed-out visit logs no failed request.
  app.get(
    '/api/v1/auth/session',
    {
      config: { anonymous: true },
      schema: { tags, summary: 'The signed-in user, or null when signed out (never 401)' },
    },
    async (req) => {
      if (!req.headers.authorization && !req.cookies[SESSION_COOKIE]) return { me: null };
      try {
        return { me: await me(svc.store, await actorOf(svc, req)) };
      } catch (e) {
        if (e instanceof Unauthenticated) return { me: null };
        throw e;
      }
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
      schema: {
        tags,
        summary: 'Change your password (needs the current one); ends your other sessions',
        body: passwordChangeBody,
      },
    },
    async (req) => changePassword(svc.store, await actorOf(svc, req), req.body, req.cookies[SESSION_COOKIE]),
  );

  app.get(
    '/api/v1/me',
    { schema: { tags, summary: 'The signed-in user, workspace and role' } },
    async (req) => me(svc.store, await actorOf(svc, req)),
  );
}
