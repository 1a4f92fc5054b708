import { formatIssueKey, parseIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import { presentLink, storeLink } from '@closeloop/core/relations/link-types';
import type { Link } from '@closeloop/shared/api/relations';
import { Conflict, Invalid, NotFound } from '@closeloop/shared/errors';
import { priorityFromRank, type StatusCategory } from '@closeloop/shared/issue-fields';
import { type LinkType, STORED_LINK_TYPES, type StoredLinkType } from '@closeloop/shared/relation-fields';
import type { Services } from '../services.ts';
import { recordActivity } from '../store/activity-store.ts';
import { findIssueRow } from '../store/issues-store.ts';
import {
  deleteLink,
  findLink,
  findLinkBetween,
  insertLink,
  type LinkRow,
  linkedIssueSummaries,
  linksOfIssue,
  linksOfProject,
} from '../store/links-store.ts';
import { inTransaction, isUniqueViolation, type Tx } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { requireProject } from './projects.ts';

/** Links as seen from `viewer`, with the other issue of each drawn as a chip; two queries in all. */
export async function presentLinks(tx: Tx, viewerId: number, rows: readonly LinkRow[]): Promise<Link[]> {
  const seen = rows.map((r) => ({ row: r, ...presentLink(r, viewerId) }));
  const others = new Map(
    (
      await linkedIssueSummaries(
        tx,
        seen.map((s) => s.otherId),
      )
    ).map((o) => [o.id, o]),
  );
  return seen.flatMap(({ row, type, otherId }) => {
    const o = others.get(otherId);
    if (!o) return [];
    return [
      {
        id: row.id,
        type,
        issue: {
          id: o.id,
          key: formatIssueKey(o.project_key, o.number),
          title: o.title,
          type: o.type,
          status: o.status,
          statusCategory: o.status_category as StatusCategory,
          priority: priorityFromRank(o.priority),
        },
        createdBy: row.createdBy,
        createdAt: new Date(row.createdAt).toISOString(),
      },
    ];
  });
}

async function requireTarget(tx: Tx, workspaceId: number, target: string) {
  let key: { projectKey: string; number: number };
  try {
    key = parseIssueKey(target);
  } catch {
    throw new Invalid(`"${target}" is not an issue key like SHOP-42`, { field: 'target' });
  }
  const row = await findIssueRow(tx, workspaceId, key);
  if (!row) throw new NotFound(`Issue ${target}`, { field: 'target' });
  return { id: row.id, key: formatIssueKey(row.project_key, row.number) };
}

function announce(svc: Services, actor: Actor, issues: readonly { id: number; key: string }[]) {
  for (const i of issues) {
    svc.bus.publish({
      workspaceId: actor.workspaceId,
      type: 'issue.updated',
      issueId: i.id,
      issueKey: i.key,
      actorId: actor.userId,
      fields: ['links'],
      at: Date.now(),
    });
  }
}

/**
 * Links `key` to `target`. One row per link whichever side created it; the same relation again
 * (in either direction) answers 409, a link to itself 400, an unknown target 404. Both issues
 * record the link in their history, each from its own side.
 */
export async function addLink(
  svc: Services,
  actor: Actor,
  key: string,
  input: { type: LinkType; target: string },
): Promise<Link> {
  assertCan(actor.role, 'issue.update');
  const { link, issue, other } = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const other = await requireTarget(tx, actor.workspaceId, input.target);
    if (other.id === issue.id) throw new Invalid('An issue cannot be linked to itself', { field: 'target' });
    const stored = storeLink(input.type, issue.id, other.id);
    const existing = await findLinkBetween(tx, stored);
    const clash = () =>
      new Conflict(`${issue.key} and ${other.key} are already linked this way`, {
        linkId: existing?.id ?? null,
      });
    if (existing) throw clash();
    let row: LinkRow;
    try {
      row = await insertLink(tx, actor.workspaceId, stored, actor.userId);
    } catch (err) {
      if (isUniqueViolation(err)) throw clash();
      throw err;
    }
    await recordLinkActivity(tx, actor, 'linked', row, issue, other);
    const [link] = await presentLinks(tx, issue.id, [row]);
    return { link: link!, issue, other };
  });
  announce(svc, actor, [issue, other]);
  return link;
}

async function recordLinkActivity(
  tx: Tx,
  actor: Actor,
  action: 'linked' | 'unlinked',
  row: LinkRow,
  a: { id: number; key: string },
  b: { id: number; key: string },
) {
  const entry = (self: { id: number }, other: { key: string }) => {
    const value = { linkId: row.id, type: presentLink(row, self.id).type, issue: other.key };
    return {
      workspaceId: actor.workspaceId,
      issueId: self.id,
      actorId: actor.userId,
      action,
      field: 'links',
      ...(action === 'linked' ? { to: value } : { from: value }),
    };
  };
  await recordActivity(tx, [entry(a, b), entry(b, a)]);
}

export async function removeLink(svc: Services, actor: Actor, key: string, linkId: number) {
  assertCan(actor.role, 'issue.update');
  const ends = await inTransaction(svc.store, async (tx) => {
    const issue = await requireIssue(tx, actor.workspaceId, key);
    const row = await findLink(tx, actor.workspaceId, linkId);
    if (!row || (row.sourceId !== issue.id && row.targetId !== issue.id))
      throw new NotFound(`Link ${linkId} on ${issue.key}`);
    const otherId = row.sourceId === issue.id ? row.targetId : row.sourceId;
    const o = (await findIssueRow(tx, actor.workspaceId, { id: otherId }))!;
    const other = { id: o.id, key: formatIssueKey(o.project_key, o.number) };
    await deleteLink(tx, row.id);
    await recordLinkActivity(tx, actor, 'unlinked', row, issue, other);
    return [issue, other];
  });
  announce(svc, actor, ends);
}

export async function listLinks(svc: Services, actor: Actor, key: string): Promise<Link[]> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  return presentLinks(svc.store, issue.id, await linksOfIssue(svc.store, issue.id));
}

/**
 * Before an issue is deleted: its links go with it, and each issue at the other end records the
 * unlink in its history (the paper trail of the survivors stays complete). Returns those issues,
 * for `announceLinkChanges` after the commit.
 */
export async function unlinkAllOf(tx: Tx, actor: Actor, issue: { id: number; key: string }) {
  const rows = await linksOfIssue(tx, issue.id);
  if (rows.length === 0) return [];
  const others = new Map(
    (
      await linkedIssueSummaries(
        tx,
        rows.map((r) => presentLink(r, issue.id).otherId),
      )
    ).map((o) => [o.id, { id: o.id, key: formatIssueKey(o.project_key, o.number) }]),
  );
  await recordActivity(
    tx,
    rows.flatMap((row) => {
      const other = others.get(presentLink(row, issue.id).otherId);
      if (!other) return [];
      return [
        {
          workspaceId: actor.workspaceId,
          issueId: other.id,
          actorId: actor.userId,
          action: 'unlinked',
          field: 'links',
          from: { linkId: row.id, type: presentLink(row, other.id).type, issue: issue.key },
        },
      ];
    }),
  );
  for (const row of rows) await deleteLink(tx, row.id);
  return [...others.values()];
}

export function announceLinkChanges(
  svc: Services,
  actor: Actor,
  issues: readonly { id: number; key: string }[],
) {
  announce(svc, actor, issues);
}

const PROJECT_LINK_LIMIT = 5000;

/**
 * Every link touching a project, in stored direction (`sourceKey` blocks / duplicates
 * `targetKey`; `relates_to` is symmetric), for drawing dependency arrows on a timeline.
 */
export async function listProjectLinks(
  svc: Services,
  actor: Actor,
  projectKey: string,
  type: LinkType | undefined,
) {
  assertCan(actor.role, 'workspace.read');
  const project = await requireProject(svc.store, actor.workspaceId, projectKey);
  const stored: StoredLinkType[] = type === undefined ? [...STORED_LINK_TYPES] : [storeLink(type, 1, 2).type];
  const rows = await linksOfProject(svc.store, project.id, stored, PROJECT_LINK_LIMIT);
  return {
    items: rows.map((r) => ({ ...r, type: r.type === 'relates' ? ('relates_to' as const) : r.type })),
    truncated: rows.length >= PROJECT_LINK_LIMIT,
  };
}
