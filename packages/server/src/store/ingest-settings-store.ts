import type { Tx } from './transaction.ts';

export async function ingestSettings(tx: Tx, projectId: number) {
  const row = await tx.db
    .selectFrom('project_ingest_settings')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return {
    fingerprintRules: row?.fingerprint_rules ?? '',
    scrubFields: JSON.parse(row?.scrub_fields ?? '[]') as string[],
  };
}

export async function saveIngestSettings(
  tx: Tx,
  projectId: number,
  s: { fingerprintRules: string; scrubFields: string[] },
) {
  const values = { fingerprint_rules: s.fingerprintRules, scrub_fields: JSON.stringify(s.scrubFields) };
  await tx.db
    .insertInto('project_ingest_settings')
    .values({ project_id: projectId, ...values })
    .onConflict((oc) => oc.column('project_id').doUpdateSet(values))
    .execute();
}
