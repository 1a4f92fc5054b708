import { z } from 'zod';
import { STATUS_CATEGORIES } from '../issue-fields.ts';
import { reportPromptSchema } from './user-reports.ts';

/**
 * Workflows, issue types and custom fields of a project: the shapes the admin API accepts and
 * returns. The rules over them live in @closeloop/core/workflows and @closeloop/core/custom-fields.
 */

export const statusKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case identifier');
export const issueTypeKey = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case identifier');
export const customFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case identifier');

/**
 * Fields a status may require when an issue enters it: `resolution`, `resolutionNote`,
 * `assignee`, `dueDate`, `estimateMinutes`, or a custom field as `custom.<key>`.
 */
export const REQUIRABLE_FIELDS = [
  'resolution',
  'resolutionNote',
  'assignee',
  'dueDate',
  'estimateMinutes',
] as const;
export const requirableField = z.union([
  z.enum(REQUIRABLE_FIELDS),
  z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/, 'a field name or custom.<key>'),
]);

export const workflowStatusSchema = z.strictObject({
  key: statusKey,
  name: z.string().trim().min(1).max(60),
  category: z.enum(STATUS_CATEGORIES),
  /** Fields that must have a value when an issue enters this status. */
  required: z.array(requirableField).max(20).default([]),
  /**
   * A verification step (issue 13 §4): an issue here is resolved and waits for a verifier, so
   * moving it on to a done status takes someone other than the person who moved it here.
   */
  verification: z.boolean().optional(),
});

/** `from: "*"` means from any status (a global transition, as in Jira). */
export const workflowTransitionSchema = z.strictObject({
  from: z.union([statusKey, z.literal('*')]),
  to: statusKey,
});

export const workflowDefSchema = z.strictObject({
  /** The status new issues start in when the create request names none. */
  initial: statusKey,
  statuses: z.array(workflowStatusSchema).min(1).max(50),
  transitions: z.array(workflowTransitionSchema).max(2_500),
});
export type WorkflowDefInput = z.input<typeof workflowDefSchema>;
export type WorkflowDef = z.output<typeof workflowDefSchema>;
export type WorkflowStatus = WorkflowDef['statuses'][number];

export const workflowPutBody = workflowDefSchema.extend({
  /**
   * Where issues in statuses this edit removes go: `{ "<removed key>": "<key in the new workflow>" }`.
   * Required for every removed status that issues still use.
   */
  mapping: z.record(statusKey, statusKey).default({}),
});
export type WorkflowPut = z.output<typeof workflowPutBody>;

export const workflowSchema = z.object({
  /** The issue type this workflow is for; null for the project's default workflow. */
  type: z.string().nullable(),
  /** True when `type` has no workflow of its own and uses the default (GET of a type only). */
  inherited: z.boolean(),
  initial: z.string(),
  statuses: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      category: z.enum(STATUS_CATEGORIES),
      required: z.array(z.string()),
      verification: z.boolean(),
    }),
  ),
  transitions: z.array(z.object({ from: z.string(), to: z.string() })),
  updatedAt: z.string(),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const workflowPutResult = z.object({
  workflow: workflowSchema,
  /** How many issues moved, per removed status. */
  migrated: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })),
});

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #ef4444');
const icon = z.string().regex(/^[a-z0-9-]{1,40}$/, 'an icon name like alert-triangle');

export const issueTypeCreateBody = z.strictObject({
  key: issueTypeKey,
  name: z.string().trim().min(1).max(60),
  icon: icon.default('circle'),
  color: color.default('#6b7280'),
});
export const issueTypeUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  icon: icon.optional(),
  color: color.optional(),
  position: z.number().int().min(0).max(1_000).optional(),
  /** Markdown a report's description starts from on the public form (issue 17.4). */
  reportTemplate: z.string().max(4_000).optional(),
  /** The prompts a report must answer; the rest stay optional and are not flagged when missing. */
  reportRequired: z.array(reportPromptSchema).max(3).optional(),
});
export const issueTypeSchema = z.object({
  key: z.string(),
  name: z.string(),
  icon: z.string(),
  color: z.string(),
  position: z.number(),
  /** Whether this type has a workflow of its own (else the project default applies). */
  ownWorkflow: z.boolean(),
  reportTemplate: z.string(),
  reportRequired: z.array(reportPromptSchema),
});
export type IssueType = z.infer<typeof issueTypeSchema>;

export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  'date',
  'single_select',
  'multi_select',
  'user',
  'team',
  'url',
  'checkbox',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

const fieldOptions = z.array(z.string().trim().min(1).max(100)).max(200);

export const customFieldCreateBody = z.strictObject({
  key: customFieldKey,
  name: z.string().trim().min(1).max(80),
  description: z.string().max(2_000).default(''),
  type: z.enum(CUSTOM_FIELD_TYPES),
  /** Choices of single and multi select fields; ignored (must be empty) for other types. */
  options: fieldOptions.default([]),
  /** Issue types that show the field; null means every type. */
  types: z.array(issueTypeKey).max(100).nullable().default(null),
  /** Issue types for which a value is required. */
  requiredFor: z.array(issueTypeKey).max(100).default([]),
});
export type CustomFieldCreate = z.output<typeof customFieldCreateBody>;

export const customFieldUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().max(2_000).optional(),
  options: fieldOptions.optional(),
  types: z.array(issueTypeKey).max(100).nullable().optional(),
  requiredFor: z.array(issueTypeKey).max(100).optional(),
  position: z.number().int().min(0).max(1_000).optional(),
});
export type CustomFieldUpdate = z.output<typeof customFieldUpdateBody>;

export const customFieldSchema = z.object({
  id: z.number(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  types: z.array(z.string()).nullable(),
  requiredFor: z.array(z.string()),
  position: z.number(),
});
export type CustomField = z.infer<typeof customFieldSchema>;

/**
 * A custom field value as the API carries it: text/url/date/single select → string,
 * number/user/team → number, checkbox → boolean, multi select → string[]; null clears.
 */
export const customFieldValue = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(100)).max(200),
]);
export const customFieldValues = z.record(customFieldKey, customFieldValue.nullable());
export type CustomFieldValues = z.infer<typeof customFieldValues>;

/**
 * Query-string preprocessing for the issue list: `cf.<key>=<value>` parameters are gathered into
 * `cf: { key: value }` and `sort=cf.<key>` becomes `cfSort: key`, so the list schema stays a
 * strict object with typed members.
 */
export function gatherCustomFieldParams(query: unknown): unknown {
  if (!query || typeof query !== 'object' || Array.isArray(query)) return query;
  const out: Record<string, unknown> = {};
  const cf: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('cf.')) cf[k.slice(3)] = v;
    else if (k === 'sort' && typeof v === 'string' && v.startsWith('cf.')) out.cfSort = v.slice(3);
    else out[k] = v;
  }
  if (Object.keys(cf).length > 0) out.cf = cf;
  return out;
}
