import { z } from 'zod';
import { projectKey } from './projects.ts';

export const VIEW_LAYOUTS = ['list', 'board', 'timeline', 'calendar'] as const;
export type ViewLayout = (typeof VIEW_LAYOUTS)[number];

/** Built-in fields plus `cf:<key>` for a custom field. */
const fieldName = z
  .string()
  .regex(/^(cf:)?[a-z][a-z0-9_]{0,40}$/, 'a field name like priority or cf:customer_tier');

export const viewDisplay = z.strictObject({
  layout: z.enum(VIEW_LAYOUTS).default('list'),
  /** Columns of the list layout, in order. */
  columns: z.array(fieldName).max(40).default(['key', 'title', 'status', 'priority', 'assignee']),
  /** Rows (list) or columns (board) grouped by this field; null for no grouping. */
  groupBy: fieldName.nullable().default(null),
  /** Used when the query has no sort: directive, e.g. priority-desc. */
  sort: z
    .string()
    .regex(
      /^(created|updated|priority|due|closed|estimate|relevance)-(asc|desc)$/,
      'a sort like priority-desc',
    )
    .nullable()
    .default(null),
});
export type ViewDisplay = z.infer<typeof viewDisplay>;

export const viewCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Query language text; validated on save. */
  query: z.string().max(2_000).default(''),
  /**
   * The project the view is saved in: the query is kept intact inside its scope
   * (`label:ux OR label:launch` on SHOP is stored as `project:SHOP (label:ux OR label:launch)`).
   */
  project: projectKey.nullable().optional(),
  /** Shared views are visible to the whole workspace; personal ones only to their owner. */
  shared: z.boolean().default(false),
  display: viewDisplay.default({
    layout: 'list',
    columns: ['key', 'title', 'status', 'priority', 'assignee'],
    groupBy: null,
    sort: null,
  }),
});
export type ViewCreate = z.infer<typeof viewCreateBody>;

export const viewUpdateBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(100).optional(),
  query: z.string().max(2_000).optional(),
  shared: z.boolean().optional(),
  display: viewDisplay.optional(),
});
export type ViewUpdate = z.infer<typeof viewUpdateBody>;

export const viewSchema = z.object({
  id: z.number(),
  name: z.string(),
  query: z.string(),
  shared: z.boolean(),
  ownerId: z.number(),
  display: viewDisplay,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type SavedView = z.infer<typeof viewSchema>;

export const viewRunQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
