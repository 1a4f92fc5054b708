import type { Selectable } from 'kysely';
import type { ProjectReportFormTable } from './tables-intake.ts';
import type { Tx } from './transaction.ts';

export type ReportFormRow = Selectable<ProjectReportFormTable>;

export function reportFormOfProject(tx: Tx, projectId: number): Promise<ReportFormRow | undefined> {
  return tx.db
    .selectFrom('project_report_forms')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
}

export function reportFormByPublicId(tx: Tx, publicId: string) {
  return tx.db
    .selectFrom('project_report_forms as f')
    .innerJoin('projects as p', 'p.id', 'f.project_id')
    .select(['f.project_id', 'f.workspace_id', 'f.enabled', 'f.public_id', 'p.name as project_name'])
    .where('f.public_id', '=', publicId)
    .executeTakeFirst();
}

/** Creates the form's row (with its public id) or switches it; the public id never changes. */
export async function saveReportForm(tx: Tx, row: ReportFormRow): Promise<void> {
  await tx.db
    .insertInto('project_report_forms')
    .values(row)
    .onConflict((oc) =>
      oc.column('project_id').doUpdateSet({ enabled: row.enabled, updated_at: row.updated_at }),
    )
    .execute();
}

export function reportByTrackingHash(tx: Tx, hash: string) {
  return tx.db
    .selectFrom('user_reports as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .leftJoin('issues as i', 'i.id', 'r.issue_id')
    .select([
      'r.id',
      'r.workspace_id',
      'r.issue_id',
      'r.description',
      'r.created_at',
      'p.name as project_name',
      'p.key as project_key',
      'i.number as issue_number',
      'i.status_category',
      'i.resolution',
    ])
    .where((eb) =>
      eb.or([
        eb('r.tracking_hash', '=', hash),
        // A link sent with a question (0141) opens the same page.
        eb(
          'r.id',
          'in',
          eb.selectFrom('report_tracking_links').select('report_id').where('token_hash', '=', hash),
        ),
      ]),
    )
    .executeTakeFirst();
}

/** Another way into a report's tracking page (a link mailed with a question, 0141): its token's hash. */
export async function insertTrackingLink(
  tx: Tx,
  row: { workspace_id: number; report_id: number; token_hash: string; created_at: number },
): Promise<void> {
  await tx.db.insertInto('report_tracking_links').values(row).execute();
}
