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
// The arrow is a \u escape: one non-ASCII character makes V8 hold the whole server bundle as two-byte text.
const STEP_PATTERN = /(^|\s)(1[.)]|step\s*1|first\b[^.]*\bthen\b)|->|\u2192/im;

/** The prompts a report form asks besides the description (the API's reportPromptSchema). */
export const REPORT_PROMPTS = ['steps', 'expected', 'actual'] as const;
export type ReportPrompt = (typeof REPORT_PROMPTS)[number];

/**
 * What the issue type reports are filed as asks of a report (issue 17.4): a template the
 * description starts from, and the prompts that must be answered. By default every prompt is.
 */
export interface ReportRules {
  template?: string | undefined;
  required?: readonly ReportPrompt[] | undefined;
}

/**
 * The description without the template's lines: a reporter who leaves the template as it was has
 * written nothing, so its headings and hints never count as detail or as steps.
 */
export function withoutTemplate(description: string, template: string | undefined): string {
  const skeleton = new Set(
    (template ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  );
  if (skeleton.size === 0) return description;
  return description
    .split('\n')
    .filter((l) => !skeleton.has(l.trim()))
    .join('\n');
}

/**
 * What a useful report has and this one lacks, in the order triage asks for them: steps to
 * reproduce, what was expected, what happened instead (each only when the type requires it), enough
 * words overall. An answer counts when it has at least two words; steps may also be written inside
 * the description; the template's own lines count for nothing.
 */
export function reportGaps(r: ReportWords, rules: ReportRules = {}): ReportGap[] {
  const required = new Set<ReportPrompt>(rules.required ?? REPORT_PROMPTS);
  const description = withoutTemplate(r.description, rules.template);
  const gaps: ReportGap[] = [];
  if (required.has('steps') && words(r.steps) < 2 && !STEP_PATTERN.test(description)) gaps.push('steps');
  if (required.has('expected') && words(r.expected) < 2) gaps.push('expected');
  if (required.has('actual') && words(r.actual) < 2) gaps.push('actual');
  const total = words(description) + words(r.expected) + words(r.actual) + words(r.steps);
  if (total < MIN_DETAIL_WORDS) gaps.push('detail');
  return gaps;
}

/** Required prompts left empty: the public form and the widget refuse to send without them (mail cannot). */
export function unansweredPrompts(r: ReportWords, required: readonly ReportPrompt[]): ReportPrompt[] {
  return required.filter((p) => !(r[p] ?? '').trim());
}

export const GAP_LABEL: Record<ReportGap, string> = {
  steps: 'steps to reproduce',
  expected: 'what was expected',
  actual: 'what happened instead',
  detail: 'enough detail',
};

/** The prompts as the form asks them. */
export const PROMPT_LABEL: Record<ReportPrompt, string> = {
  steps: 'what did you do (steps)',
  expected: 'what did you expect to happen',
  actual: 'what happened instead',
};
