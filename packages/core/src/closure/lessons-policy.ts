import type { Priority } from '@closeloop/shared/issue-fields';
import { parseQuery } from '../query/parse-query.ts';

/** The five questions a lessons-learned record answers, in the order a reader wants them. */
export const LESSON_FIELDS = ['whatHappened', 'impact', 'rootCause', 'fix', 'prevention'] as const;
export type LessonField = (typeof LESSON_FIELDS)[number];
export type LessonAnswers = Record<LessonField, string>;

/** Types whose closure always teaches something: a risk that materialised, an incident. */
const TYPES_WITH_LESSONS = new Set(['risk', 'incident']);

/**
 * What the project's own lessons rule (a query, issue 13 §1) said of an issue: the server answers
 * `matches` by running the query as the issue list does; null when the project has no rule.
 */
export type LessonsRuleResult = { query: string; matches: boolean } | null;

/**
 * Which closed issues owe the team a lessons-learned record: high or urgent work, risks and
 * incidents, and whatever the project's rule chooses. Low-stakes work closes with a resolution
 * note alone (a record may still be written on any issue), so the records stay worth reading.
 */
export function needsLessons(
  issue: { priority: Priority; type: string },
  rule: LessonsRuleResult = null,
): boolean {
  return lessonsReasons(issue, rule).length > 0;
}

/** Why an issue owes a record, in words the close dialog shows; empty when it owes none. */
export function lessonsReasons(
  issue: { priority: Priority; type: string },
  rule: LessonsRuleResult = null,
): string[] {
  const reasons: string[] = [];
  if (issue.priority === 'high' || issue.priority === 'urgent') reasons.push(`${issue.priority} priority`);
  if (TYPES_WITH_LESSONS.has(issue.type)) reasons.push(`the type is ${issue.type}`);
  if (rule?.matches) reasons.push(`matches the project rule \`${rule.query}\``);
  return reasons;
}

/**
 * Why a lessons rule cannot be saved, or null when the language accepts it. A rule is a condition:
 * a sort order or an empty query would choose nothing (or everything) by accident. Qualifiers are
 * checked again when the server compiles the rule (custom fields, milestones… live in the store).
 */
export function lessonsRuleRefusal(query: string): string | null {
  try {
    const parsed = parseQuery(query);
    if (parsed.sort.length > 0) return 'A lessons rule is a condition: sort: has no meaning in it';
    if (!parsed.where) return 'A lessons rule needs a condition, e.g. label:security';
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** A record with no answer at all teaches nothing: refuse it rather than store an empty shell. */
export function missingAnswers(answers: Partial<LessonAnswers>): boolean {
  return LESSON_FIELDS.every((f) => !answers[f]?.trim());
}

/** One searchable text of the record, so a word of its root cause finds the issue. */
export function lessonsSearchText(answers: Partial<LessonAnswers>): string {
  return LESSON_FIELDS.map((f) => answers[f] ?? '')
    .filter(Boolean)
    .join(' ');
}
