import { z } from 'zod';

/** Metrics the performance pipeline aggregates (docs/performance.md); the rules are in core/performance. */
export const PERF_METRICS = [
  'LCP',
  'INP',
  'CLS',
  'TTFB',
  'FCP',
  'load',
  'dom_content_loaded',
  'api',
] as const;
export const perfMetricSchema = z.enum(PERF_METRICS);

const pattern = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(/^\/[^\s?#]*$/, 'a path pattern starting with /, e.g. /product/:id or /docs/*');

export const flowSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  steps: z.array(pattern).min(2).max(10),
});

export const performanceSettingsBody = z.strictObject({
  /** IANA zone, e.g. America/New_York: the hours of the day baselines and descriptions use. */
  timeZone: z.string().min(1).max(64),
  /** "Poor" thresholds overriding the defaults, in ms (CLS: unitless). */
  thresholds: z.partialRecord(perfMetricSchema, z.number().positive().max(3_600_000)),
  /** p75 ≥ factor × baseline counts as slow. */
  factor: z.number().min(1.1).max(100),
  /** Hours with fewer samples are neither judged nor part of a baseline. */
  minSamples: z.number().int().min(1).max(100_000),
  routePatterns: z.array(pattern).max(200),
  flows: z.array(flowSchema).max(20),
});
export type PerformanceSettings = z.infer<typeof performanceSettingsBody>;

export const performanceQuery = z.strictObject({
  /** How many hours back from now (default a week). */
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  metric: perfMetricSchema.optional(),
  target: z.string().max(1_000).optional(),
});
