import { REPORT_PROMPTS, type ReportPrompt, type ReportRules } from '@closeloop/core/intake/report-quality';
import type { Tx } from './transaction.ts';

export interface IssueTypeRecord {
  id: number;
  key: string;
  name: string;
  icon: string;
  color: string;
  position: number;
  report_template: string;
  report_required: string;
}

export async function listIssueTypes(tx: Tx, projectId: number): Promise<IssueTypeRecord[]> {
  return tx.db
    .selectFrom('issue_types')
    .select(['id', 'key', 'name', 'icon', 'color', 'position', 'report_template', 'report_required'])
    .where('project_id', '=', projectId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function findIssueType(
  tx: Tx,
  projectId: number,
  key: string,
): Promise<IssueTypeRecord | undefined> {
  return tx.db
    .selectFrom('issue_types')
    .select(['id', 'key', 'name', 'icon', 'color', 'position', 'report_template', 'report_required'])
    .where('project_id', '=', projectId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertIssueTypes(
  tx: Tx,
  projectId: number,
  types: readonly { key: string; name: string; icon: string; color: string; position?: number }[],
) {
  if (types.length === 0) return;
  const now = Date.now();
  await tx.db
    .insertInto('issue_types')
    .values(
      types.map((t, i) => ({
        project_id: projectId,
        key: t.key,
        name: t.name,
        icon: t.icon,
        color: t.color,
        position: t.position ?? i,
        created_at: now,
      })),
    )
    .execute();
}

export async function nextIssueTypePosition(tx: Tx, projectId: number): Promise<number> {
  const r = await tx.db
    .selectFrom('issue_types')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return r?.p === null || r?.p === undefined ? 0 : Number(r.p) + 1;
}

export async function updateIssueType(
  tx: Tx,
  id: number,
  set: {
    name?: string;
    icon?: string;
    color?: string;
    position?: number;
    report_template?: string;
    report_required?: string;
  },
) {
  if (Object.keys(set).length === 0) return;
  await tx.db.updateTable('issue_types').set(set).where('id', '=', id).execute();
}

export async function deleteIssueType(tx: Tx, id: number) {
  await tx.db.deleteFrom('issue_types').where('id', '=', id).execute();
}

export async function countIssuesOfType(tx: Tx, projectId: number, key: string): Promise<number> {
  const r = await tx.db
    .selectFrom('issues')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('type', '=', key)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface TypeReportRules extends ReportRules {
  template: string;
  required: ReportPrompt[];
}

/** An issue type's report rules from its row (0142); a prompt the code no longer knows is dropped. */
export function reportRulesOfRow(r: { report_template: string; report_required: string }): TypeReportRules {
  const stored = JSON.parse(r.report_required) as unknown;
  const required = Array.isArray(stored)
    ? REPORT_PROMPTS.filter((p): p is ReportPrompt => stored.includes(p))
    : [...REPORT_PROMPTS];
  return { template: r.report_template, required };
}

/** The report rules of the type a project's reports are filed as; every prompt when it has no such type. */
export async function reportRulesOfProject(
  tx: Tx,
  projectId: number,
  typeKey: string,
): Promise<TypeReportRules> {
  const t = await findIssueType(tx, projectId, typeKey);
  return t ? reportRulesOfRow(t) : { template: '', required: [...REPORT_PROMPTS] };
}
