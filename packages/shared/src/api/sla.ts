import { z } from 'zod';
import { PRIORITIES } from '../issue-fields.ts';

const minuteOfDay = z.number().int().min(0).max(1440);
/** Minutes of business time; fractions allowed (a 30-second target is 0.5). */
const targetMinutes = z.number().positive().max(525_600).nullable();

/** A project's business calendar (core/sla/business-calendar). */
export const businessCalendarSchema = z
  .strictObject({
    timeZone: z.string().min(1).max(64),
    aroundTheClock: z.boolean(),
    workDays: z.array(z.number().int().min(1).max(7)).max(7),
    workStart: minuteOfDay,
    workEnd: minuteOfDay,
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-25')).max(400),
  })
  .refine((c) => c.workStart < c.workEnd, { message: 'workStart must be before workEnd', path: ['workEnd'] });

export const slaTargetSchema = z.strictObject({
  priority: z.enum(PRIORITIES),
  type: z.string().min(1).max(50).nullable(),
  /** Only issues whose custom field `key` holds `value`; null or absent: any issue of the priority (and type). */
  field: z
    .strictObject({ key: z.string().min(1).max(50), value: z.string().trim().min(1).max(200) })
    .nullable()
    .optional(),
  firstResponseMinutes: targetMinutes,
  resolutionMinutes: targetMinutes,
});

/** A project's SLA policy (core/sla/sla-policy). */
export const slaPolicySchema = z.strictObject({
  targets: z.array(slaTargetSchema).max(100),
  pausedStatuses: z.array(z.string().min(1).max(50)).max(50),
  warnAtPercent: z.number().int().min(1).max(99),
  escalation: z.strictObject({
    raisePriority: z.boolean(),
    notifyLead: z.boolean(),
    reassignToLead: z.boolean(),
  }),
});

/** `PUT /projects/:key/sla`: the calendar, and the policy (null switches SLAs off). */
export const slaSettingsBody = z.strictObject({
  calendar: businessCalendarSchema,
  policy: slaPolicySchema.nullable(),
});
export type SlaSettings = z.infer<typeof slaSettingsBody>;

export const SLA_BADGE_VALUES = ['breached', 'breaching_soon', 'paused', 'on_track', 'met'] as const;
export type SlaBadgeValue = (typeof SLA_BADGE_VALUES)[number];

/** The badge a list row shows (from the worker's last evaluation). */
export const issueSlaBadgeSchema = z.object({
  badge: z.enum(SLA_BADGE_VALUES),
  dueAt: z.string().nullable(),
});

export const slaClockSchema = z.object({
  metric: z.enum(['first_response', 'resolution']),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  warning: z.boolean(),
  targetMinutes: z.number(),
  elapsedMinutes: z.number(),
  dueAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
});
export type SlaClockView = z.infer<typeof slaClockSchema>;

/** `GET /issues/:key/sla`: the clocks computed now from the issue's history. */
export const issueSlaSchema = z.object({
  badge: z.enum(SLA_BADGE_VALUES).nullable(),
  clocks: z.array(slaClockSchema),
  timeZone: z.string().nullable(),
  aroundTheClock: z.boolean().nullable(),
});
export type IssueSla = z.infer<typeof issueSlaSchema>;
