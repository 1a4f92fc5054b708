import { z } from 'zod';
import { PRIORITIES } from '../issue-fields.ts';
import { isoTime } from './common.ts';

/** Triage state is its own field, not the status: accepting takes an issue out of the queue whatever its status. */
export const TRIAGE_STATES = ['untriaged', 'accepted', 'snoozed'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

export const triageSchema = z.object({
  state: z.enum(TRIAGE_STATES),
  /** Snoozed: wakes at this time, or when the issue reaches these user / event totals. */
  snoozedUntil: z.string().nullable(),
  wakeAtUsers: z.number().nullable(),
  wakeAtEvents: z.number().nullable(),
  decidedBy: z.number().nullable(),
  decidedAt: z.string().nullable(),
});
export type Triage = z.infer<typeof triageSchema>;

export const triageActionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('accept') }),
  /** Back into the queue. */
  z.strictObject({ action: z.literal('untriage') }),
  /**
   * Snooze for a time, or until it escalates: `moreUsers` / `moreEvents` on top of today's
   * totals. At least one condition; the first one met wakes it.
   */
  z
    .strictObject({
      action: z.literal('snooze'),
      until: isoTime.optional(),
      moreUsers: z.number().int().positive().max(10_000_000).optional(),
      moreEvents: z.number().int().positive().max(1_000_000_000).optional(),
    })
    .refine((b) => b.until !== undefined || b.moreUsers !== undefined || b.moreEvents !== undefined, {
      message: 'give until, moreUsers or moreEvents',
    }),
]);
export type TriageAction = z.infer<typeof triageActionBody>;

export const signalSchema = z.object({
  key: z.string(),
  /** 0–1: how strongly the signal fires. */
  strength: z.number(),
  /** What it adds to the score. */
  points: z.number(),
  reason: z.string().nullable(),
  detail: z.string(),
});

export const severitySchema = z.object({
  score: z.number(),
  proposedPriority: z.enum(PRIORITIES),
  /** The top reasons in one line. */
  reasons: z.string(),
  signals: z.array(signalSchema),
  /** Which weights scored it: the defaults, or the project's learned model. */
  model: z.enum(['default', 'learned']),
  computedAt: z.string(),
  /** What people decided: the priority, and who last set or confirmed it. */
  decided: z.object({
    priority: z.enum(PRIORITIES),
    by: z.number().nullable(),
    at: z.string().nullable(),
  }),
  impact: z.number().nullable(),
  likelihood: z.number().nullable(),
});
export type Severity = z.infer<typeof severitySchema>;

export const assessmentBody = z.strictObject({
  impact: z.number().int().min(1).max(5).nullable().optional(),
  likelihood: z.number().int().min(1).max(5).nullable().optional(),
});

export const triageQueueQuery = z.strictObject({
  /** A team key: the project queue filtered to issues routed to that team. */
  team: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const scoringSettingsBody = z.strictObject({
  /** Routes (`/checkout`, matched by path segment) and component names marked critical. */
  critical: z.array(z.string().trim().min(1).max(200)).max(100),
});

export const scoringSettingsSchema = z.object({
  critical: z.array(z.string()),
  model: z.object({
    examples: z.number(),
    minExamples: z.number(),
    defaultAccuracy: z.number().nullable(),
    learnedAccuracy: z.number().nullable(),
    adopted: z.boolean(),
    /** Points of accuracy the learned model must win by. */
    margin: z.number(),
    trainedAt: z.string().nullable(),
  }),
});
export type ScoringSettings = z.infer<typeof scoringSettingsSchema>;
