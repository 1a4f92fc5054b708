import { z } from 'zod';
import { email } from './common.ts';

/** A domain name as people type it (`example.com`, or `@example.com`). */
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .max(253)
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'must be a domain name'),
  );

const groupRole = z.strictObject({
  group: z.string().trim().min(1).max(200),
  role: z.enum(['viewer', 'member', 'admin']),
});

/**
 * A workspace's single sign-on settings (admins). `clientSecret` absent keeps the stored one: the
 * API never returns it, so a form that did not change it sends none.
 */
export const ssoSettingsBody = z.strictObject({
  enabled: z.boolean(),
  issuer: z.url().max(500),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000).optional(),
  allowedDomains: z.array(domain).max(50).default([]),
  /** Members and admins sign in only through the provider; owners keep their password (break-glass). */
  requireSso: z.boolean().default(false),
  /** The claim of the id_token (or userinfo) that lists a person's groups. */
  groupsClaim: z.string().trim().min(1).max(100).default('groups'),
  /** A newcomer joins with the highest role their groups map to (else as a member). */
  groupRoles: z.array(groupRole).max(100).default([]),
});
export type SsoSettingsInput = z.infer<typeof ssoSettingsBody>;

export const ssoSettingsSchema = z.object({
  configured: z.boolean(),
  enabled: z.boolean(),
  issuer: z.string(),
  clientId: z.string(),
  /** Whether a client secret is stored; the secret itself never leaves the server. */
  clientSecretSet: z.boolean(),
  allowedDomains: z.array(z.string()),
  requireSso: z.boolean(),
  groupsClaim: z.string(),
  groupRoles: z.array(z.object({ group: z.string(), role: z.enum(['viewer', 'member', 'admin']) })),
  /** What to register at the provider as the redirect (callback) URI. */
  redirectUri: z.string(),
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

/** Start a sign-in: the workspace by the person's email domain, or by its slug. */
export const ssoStartBody = z
  .strictObject({
    email: email.optional(),
    workspace: z.string().trim().toLowerCase().min(1).max(60).optional(),
    /** Where the app goes after signing in: a path of this app only. */
    next: z
      .string()
      .max(500)
      .regex(/^\/(?![/\\])/, 'must be a path of this app')
      .optional(),
  })
  .refine((b) => b.email !== undefined || b.workspace !== undefined, {
    message: 'give your email or your workspace',
    path: ['email'],
  });

/** What the provider sent back to the redirect URI, passed on by the app's /sso/callback page. */
export const ssoCallbackBody = z.strictObject({
  code: z.string().min(1).max(2000),
  state: z.string().min(1).max(200),
});
