import { z } from 'zod';

const patterns = z.array(z.string().min(1).max(300)).max(50).optional();

/** One ownership rule (core/ownership): conditions that must all hold → a team and/or a person. */
export const ownershipRuleSchema = z.strictObject({
  name: z.string().min(1).max(120),
  when: z.strictObject({
    types: patterns,
    labels: patterns,
    fields: z.record(z.string().min(1).max(100), z.array(z.string().max(300)).max(50)).optional(),
    text: patterns,
    routes: patterns,
    framePaths: patterns,
    errorTypes: patterns,
    releases: patterns,
  }),
  teamId: z.number().int().positive().nullable(),
  userId: z.number().int().positive().nullable(),
});

export const ownershipRulesBody = z.strictObject({ rules: z.array(ownershipRuleSchema).max(200) });

export const teamAssignmentBody = z.strictObject({
  strategy: z.enum(['manual', 'round-robin', 'least-loaded', 'best-match']).optional(),
  leadUserId: z.number().int().positive().nullable().optional(),
});

const minuteOfDay = z.number().int().min(0).max(1440);

export const memberAvailabilityBody = z
  .strictObject({
    timeZone: z.string().min(1).max(64),
    workDays: z.array(z.number().int().min(1).max(7)).max(7),
    workStart: minuteOfDay,
    workEnd: minuteOfDay,
    capacity: z.number().min(0).max(1000),
    skills: z.array(z.string().min(1).max(200)).max(100),
    outOfOffice: z.array(z.strictObject({ from: z.number().int(), to: z.number().int() })).max(100),
  })
  .refine((b) => b.workStart < b.workEnd, { message: 'workStart must be before workEnd', path: ['workEnd'] });

/** One automatic routing decision (`assignment_log`), as `GET /issues/:key/assignee-suggestions` lists them. */
export interface RoutingDecision {
  at: string;
  /** The ownership rule that matched, and why, or null when none did. */
  ruleName: string | null;
  ruleReasons: string[] | null;
  strategy: string | null;
  teamId: number | null;
  userId: number | null;
  /** `rule "<name>" (<reasons>)`, then `; then <strategy's reason>` when a team strategy chose the person. */
  explanation: string;
}
