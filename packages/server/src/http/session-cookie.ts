import type { FastifyReply } from 'fastify';
import type { Services } from '../services.ts';
import { SESSION_COOKIE } from './authenticate.ts';

/** Sets the session cookie after any kind of sign-in (password, two-factor, reset, single sign-on). */
export function setSessionCookie(svc: Services, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: svc.config.publicUrl.startsWith('https://'),
    maxAge: svc.config.session.absoluteMs / 1000,
  });
}
