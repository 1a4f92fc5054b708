import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect/dialect-name.ts';
import { withId } from './column-types.ts';

// Frozen copies of the defaults at the time of this migration (later edits to core must not change it).
const DEFAULT_TYPES = [
  { key: 'bug', name: 'Bug', icon: 'bug', color: '#ef4444' },
  { key: 'task', name: 'Task', icon: 'check-square', color: '#3b82f6' },
  { key: 'incident', name: 'Incident', icon: 'flame', color: '#f97316' },
  { key: 'risk', name: 'Risk', icon: 'alert-triangle', color: '#eab308' },
  { key: 'blocker', name: 'Blocker', icon: 'octagon', color: '#dc2626' },
  { key: 'feature', name: 'Feature', icon: 'sparkles', color: '#8b5cf6' },
];

/**
 * Workflows per project and issue type, issue types, custom fields and their values. Existing
 * projects get the six default types (plus any type their issues already use) and a default
 * workflow built from their `statuses` rows that allows every move, so nothing they do today
 * starts failing.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const ms = 'bigint';
  await withId(db.schema.createTable('workflows'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('issue_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addUniqueConstraint('workflows_type', ['project_id', 'issue_type'])
    .execute();

  await withId(db.schema.createTable('issue_types'), dialect)
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('icon', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('issue_types_key', ['project_id', 'key'])
    .execute();

  await withId(db.schema.createTable('custom_fields'), dialect)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('field_type', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('applies_to', 'text')
    .addColumn('required_for', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('custom_fields_key', ['project_id', 'key'])
    .execute();
  // Queries across projects name a field by key or name within the workspace.
  await db.schema
    .createIndex('custom_fields_ws_key')
    .on('custom_fields')
    .columns(['workspace_id', 'key'])
    .execute();

  await db.schema
    .createTable('issue_field_values')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('custom_fields.id').onDelete('cascade'))
    .addColumn('value_text', 'text')
    .addColumn('value_number', 'double precision')
    .addColumn('value_date', 'text')
    .execute();
  for (const [name, cols] of [
    ['issue_field_values_issue', ['issue_id', 'field_id']],
    ['issue_field_values_text', ['field_id', 'value_text', 'issue_id']],
    ['issue_field_values_number', ['field_id', 'value_number', 'issue_id']],
    ['issue_field_values_date', ['field_id', 'value_date', 'issue_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('issue_field_values')
      .columns([...cols])
      .execute();
  }

  // Backfill existing projects.
  const now = Date.now();
  const projects = (await db.selectFrom('projects').select('id').execute()) as { id: number }[];
  for (const p of projects) {
    const used = (await db
      .selectFrom('issues')
      .select('type')
      .distinct()
      .where('project_id', '=', p.id)
      .execute()) as {
      type: string;
    }[];
    const extra = used.map((u) => u.type).filter((t) => !DEFAULT_TYPES.some((d) => d.key === t));
    const types = [
      ...DEFAULT_TYPES,
      ...extra.map((key) => ({ key, name: key.replace(/_/g, ' '), icon: 'circle', color: '#6b7280' })),
    ];
    await db
      .insertInto('issue_types')
      .values(types.map((t, i) => ({ project_id: p.id, ...t, position: i, created_at: now })))
      .execute();
    const statuses = (await db
      .selectFrom('statuses')
      .select(['key', 'name', 'category'])
      .where('project_id', '=', p.id)
      .orderBy('position')
      .execute()) as { key: string; name: string; category: string }[];
    if (statuses.length === 0) continue;
    const definition = {
      initial: statuses.some((s) => s.key === 'todo') ? 'todo' : statuses[0]!.key,
      statuses: statuses.map((s) => ({ key: s.key, name: s.name, category: s.category, required: [] })),
      transitions: statuses.map((s) => ({ from: '*', to: s.key })),
    };
    await db
      .insertInto('workflows')
      .values({ project_id: p.id, issue_type: '', definition: JSON.stringify(definition), updated_at: now })
      .execute();
  }
}
