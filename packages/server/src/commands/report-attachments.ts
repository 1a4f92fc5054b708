import { assertCan } from '@closeloop/core/permissions/permissions';
import { NotFound } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { findCommentAttachment, findIssueAttachment } from '../store/mail-intake-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';

/**
 * Types served as themselves (the issue page shows images inline); anything else, HTML and SVG
 * above all, is served as bytes to download, so a mailed file can never run in our origin.
 */
const SHOWN_AS_IS = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]);

/** The bytes of one file of a report filed into this issue, for anyone who may read the issue. */
export async function reportAttachment(svc: Services, actor: Actor, issueKey: string, attachmentId: number) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  return served(await findIssueAttachment(svc.store, issue.id, attachmentId));
}

/** The bytes of one file of a mailed reply (a comment on this issue), for anyone who may read the issue. */
export async function commentAttachment(svc: Services, actor: Actor, issueKey: string, attachmentId: number) {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, issueKey);
  return served(await findCommentAttachment(svc.store, issue.id, attachmentId));
}

function served(file: { filename: string; content_type: string; data: Buffer | Uint8Array } | undefined) {
  if (!file) throw new NotFound('Attachment');
  const type = file.content_type.toLowerCase().split(';')[0]!.trim();
  return {
    filename: file.filename,
    contentType: SHOWN_AS_IS.has(type)
      ? type === 'text/plain'
        ? 'text/plain; charset=utf-8'
        : type
      : 'application/octet-stream',
    inline: SHOWN_AS_IS.has(type) && type.startsWith('image/'),
    data: Buffer.from(file.data),
  };
}
