import { z } from 'zod';
import { ROLES } from '../issue-fields.ts';
import { email, password } from './common.ts';

export const roleSchema = z.enum(ROLES);

export const signupBody = z.strictObject({
  email,
  password,
  name: z.string().trim().min(1).max(100),
  workspaceName: z.string().trim().min(1).max(100).optional(),
  /** Joining an existing workspace needs the token from an invitation. */
  invitationToken: z.string().min(10).max(200).optional(),
});
export const loginBody = z.strictObject({ email, password: z.string().min(1).max(200) });
/** "Forgot password?": always answered the same, whether the address has an account or not. */
export const passwordResetRequestBody = z.strictObject({ email });
export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});
export const passwordResetCompleteBody = z.strictObject({ token: z.string().min(10).max(200), password });

export const userSchema = z.object({ id: z.number(), email: z.string(), name: z.string() });
export type User = z.infer<typeof userSchema>;

export const memberSchema = userSchema.extend({ role: roleSchema, joinedAt: z.string() });
export type Member = z.infer<typeof memberSchema>;

export const meSchema = z.object({
  user: userSchema,
  workspace: z.object({ id: z.number(), name: z.string(), slug: z.string() }),
  role: roleSchema,
  /** The workspace requires two-factor sign-in and this person has it off: only their settings answer. */
  mustEnrolTwoFactor: z.boolean().optional(),
});
export type Me = z.infer<typeof meSchema>;

export const invitationCreateBody = z.strictObject({ email, role: roleSchema.default('member') });
export const invitationSchema = z.object({
  id: z.number(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** Only present in the answer to the create call: it is stored hashed. */
  token: z.string().optional(),
});

export const memberUpdateBody = z.strictObject({ role: roleSchema });

/** A code from an authenticator app (6 digits) or a recovery code (xxxxx-xxxxx). */
export const twoFactorCodeBody = z.strictObject({ code: z.string().trim().min(6).max(20) });
export const twoFactorSignInBody = z.strictObject({
  challenge: z.string().min(1).max(200),
  code: z.string().trim().min(6).max(20),
});
export const twoFactorRequiredBody = z.strictObject({ required: z.boolean() });

export const apiTokenCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Days until the token stops working; absent: until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** Only GET requests; writes answer 403. */
  readOnly: z.boolean().optional(),
  /** The key of the one project the token reaches; absent: every project of the workspace. */
  project: z.string().trim().min(1).max(10).optional(),
});
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  readOnly: z.boolean(),
  /** The project key the token is limited to; null: every project. */
  project: z.string().nullable(),
  /** Only in the answer to the create call. */
  token: z.string().optional(),
});
