import type { Tx } from './transaction.ts';

const PALETTE = ['#ef4444', '#f97316', '#eab308', '#22c55e', '#06b6d4', '#3b82f6', '#8b5cf6', '#ec4899'];

export async function listLabels(tx: Tx, workspaceId: number) {
  return tx.db
    .selectFrom('labels')
    .select(['id', 'name', 'color'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
}

export async function insertLabel(tx: Tx, l: { workspaceId: number; name: string; color: string }) {
  return tx.db
    .insertInto('labels')
    .values({ workspace_id: l.workspaceId, name: l.name, color: l.color })
    .returning(['id', 'name', 'color'])
    .executeTakeFirstOrThrow();
}

export async function deleteLabel(tx: Tx, workspaceId: number, id: number) {
  const r = await tx.db
    .deleteFrom('labels')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Labels are created on first use, as in Jira; returns ids in the order of `names`. */
export async function ensureLabels(tx: Tx, workspaceId: number, names: readonly string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const unique = [...new Set(names)];
  const existing = await tx.db
    .selectFrom('labels')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('name', 'in', unique)
    .execute();
  const byName = new Map(existing.map((l) => [l.name, l.id]));
  for (const name of unique) {
    if (byName.has(name)) continue;
    const color = PALETTE[[...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % PALETTE.length]!;
    const row = await insertLabel(tx, { workspaceId, name, color });
    byName.set(name, row.id);
  }
  return unique.map((n) => byName.get(n)!);
}

export async function setIssueLabels(tx: Tx, issueId: number, labelIds: readonly number[]) {
  await tx.db.deleteFrom('issue_labels').where('issue_id', '=', issueId).execute();
  if (labelIds.length > 0) {
    await tx.db
      .insertInto('issue_labels')
      .values(labelIds.map((label_id) => ({ issue_id: issueId, label_id })))
      .execute();
  }
}

/** Labels of many issues in one query (never one query per row). */
export async function labelsOfIssues(tx: Tx, issueIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (issueIds.length === 0) return out;
  const rows = await tx.db
    .selectFrom('issue_labels as il')
    .innerJoin('labels as l', 'l.id', 'il.label_id')
    .select(['il.issue_id', 'l.name'])
    .where('il.issue_id', 'in', issueIds)
    .orderBy('l.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.issue_id) ?? [];
    list.push(r.name);
    out.set(r.issue_id, list);
  }
  return out;
}

export async function findLabelIds(tx: Tx, workspaceId: number, names: readonly string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const rows = await tx.db
    .selectFrom('labels')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', 'in', names)
    .execute();
  return rows.map((r) => r.id);
}
