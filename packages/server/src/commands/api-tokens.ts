import { BoundedCache } from '@closeloop/core/limits/bounded-cache';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { TokenScope } from '@closeloop/core/permissions/token-scope';
import { NotFound } from '@closeloop/shared/errors';
import type { Role } from '@closeloop/shared/issue-fields';
import { hashSecret, newSecret } from '../accounts/secret-token.ts';
import * as creds from '../store/credentials-store.ts';
import type { Store } from '../store/db.ts';
import { findProjectByKey } from '../store/projects-store.ts';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';

/** Personal API tokens: created with an expiry and a scope, listed, revoked, and resolved per request. */

/** A caller authenticated by an API token: its scope is checked on every route (http/sign-in-first.ts). */
export interface TokenActor extends Actor {
  scope: TokenScope;
}

// A token's last use is shown to the minute; writing it on every request turned each read into
// a write (and serialised readers behind SQLite's single writer). Noted at most once a minute per
// token and process, off the request path; the UPDATE's own condition covers other processes.
const TOKEN_TOUCH_GAP_MS = 60_000;
const tokenTouches = new WeakMap<Store, BoundedCache<number, true>>();

function noteTokenUse(store: Store, tokenId: number): void {
  let touched = tokenTouches.get(store);
  if (!touched) {
    touched = new BoundedCache({ maxEntries: 10_000, maxAgeMs: TOKEN_TOUCH_GAP_MS });
    tokenTouches.set(store, touched);
  }
  const now = Date.now();
  if (touched.get(tokenId, now)) return;
  touched.set(tokenId, true, now);
  // Best effort: a lost "last used" time must never fail or slow the request that caused it.
  creds.touchApiToken(store, tokenId, now, TOKEN_TOUCH_GAP_MS).catch(() => touched.delete(tokenId));
}

export async function actorFromApiToken(store: Store, token: string): Promise<TokenActor | null> {
  const p = await creds.findTokenPrincipal(store, hashSecret(token), Date.now());
  if (!p) return null;
  noteTokenUse(store, p.id);
  return {
    userId: p.user_id,
    workspaceId: p.workspace_id,
    role: p.role as Role,
    scope: { readOnly: Number(p.read_only) === 1, projectKey: p.project_key ?? null },
  };
}

export interface ApiTokenInput {
  name: string;
  /** Absent: until revoked. */
  expiresInDays?: number | undefined;
  /** GET only. */
  readOnly?: boolean | undefined;
  /** The key of the one project the token reaches; absent: every project. */
  project?: string | undefined;
}

export async function createApiToken(store: Store, actor: Actor, input: ApiTokenInput) {
  assertCan(actor.role, 'token.manage-own');
  let projectId: number | null = null;
  if (input.project !== undefined) {
    const project = await findProjectByKey(store, actor.workspaceId, input.project);
    if (!project) throw new NotFound('Project');
    projectId = project.id;
  }
  const token = newSecret('clt');
  const { id } = await creds.insertApiToken(store, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    name: input.name,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, 8),
    expiresAt: input.expiresInDays === undefined ? null : Date.now() + input.expiresInDays * 24 * 3600 * 1000,
    readOnly: input.readOnly ?? false,
    projectId,
  });
  const row = await creds.findApiTokenView(store, id);
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'token.created',
    target: input.name,
    details: { readOnly: input.readOnly ?? false, project: row.project_key ?? null },
  });
  return { row, token };
}

export async function listApiTokens(store: Store, actor: Actor) {
  return creds.listApiTokens(store, actor.workspaceId, actor.userId);
}

export async function revokeApiToken(store: Store, actor: Actor, id: number) {
  const row = await creds.revokeApiToken(store, actor.workspaceId, actor.userId, id);
  if (!row) throw new NotFound('API token');
  await audit(store, {
    workspaceId: actor.workspaceId,
    actorId: actor.userId,
    action: 'token.revoked',
    target: row.name,
  });
  return creds.findApiTokenView(store, row.id);
}
