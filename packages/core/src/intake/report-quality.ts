import type { ReportGap } from '@closeloop/shared/api/user-reports';

/** What a person wrote in a report: the description and the answers to the prompts. */
export interface ReportWords {
  description: string;
  expected?: string | null | undefined;
  actual?: string | null | undefined;
  steps?: string | null | undefined;
}

/** Below this many words a description says too little to act on ("it's broken"). */
export const MIN_DETAIL_WORDS = 8;

const words = (s: string | null | undefined) => (s ?? '').split(/\s+/).filter((w) => /\w/.test(w)).length;

/** Steps written inline count: "1. open the cart 2. press pay", "first … then …", arrows. */
const STEP_PATTERN = /(^|\s)(1[.)]|step\s*1|first\b[^.]*\bthen\b)|->|→/im;

/**
 * What a useful report has and this one lacks, in the order triage asks for them: steps to
 * reproduce, what was expected, what happened instead, enough words overall. An answer counts
 * when it has at least two words; steps may also be written inside the description.
 */
export function reportGaps(r: ReportWords): ReportGap[] {
  const gaps: ReportGap[] = [];
  if (words(r.steps) < 2 && !STEP_PATTERN.test(r.description)) gaps.push('steps');
  if (words(r.expected) < 2) gaps.push('expected');
  if (words(r.actual) < 2) gaps.push('actual');
  const total = words(r.description) + words(r.expected) + words(r.actual) + words(r.steps);
  if (total < MIN_DETAIL_WORDS) gaps.push('detail');
  return gaps;
}

export const GAP_LABEL: Record<ReportGap, string> = {
  steps: 'steps to reproduce',
  expected: 'what was expected',
  actual: 'what happened instead',
  detail: 'enough detail',
};
