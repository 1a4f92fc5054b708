import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';

/**
 * One time zone per project (issue 12.3): performance baselines now read the business calendar's
 * zone. A project that set a zone only in its performance settings gets a calendar in that zone
 * (the default working week, 09:00–17:00); where both exist the calendar's zone stands.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const rows = await db
    .selectFrom('project_perf_settings as s')
    .innerJoin('projects as p', 'p.id', 's.project_id')
    .leftJoin('project_calendars as c', 'c.project_id', 's.project_id')
    .select(['s.project_id', 'p.workspace_id', 's.time_zone'])
    .where('c.project_id', 'is', null)
    .where('s.time_zone', '!=', 'UTC')
    .execute();
  for (const r of rows)
    await db
      .insertInto('project_calendars')
      .values({
        project_id: r.project_id,
        workspace_id: r.workspace_id,
        time_zone: r.time_zone,
        around_the_clock: 0,
        work_days: '[1,2,3,4,5]',
        work_start: 540,
        work_end: 1020,
        holidays: '[]',
        updated_at: Date.now(),
      })
      .execute();
}
