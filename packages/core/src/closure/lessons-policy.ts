import type { Priority } from '@closeloop/shared/issue-fields';

/** The five questions a lessons-learned record answers, in the order a reader wants them. */
export const LESSON_FIELDS = ['whatHappened', 'impact', 'rootCause', 'fix', 'prevention'] as const;
export type LessonField = (typeof LESSON_FIELDS)[number];
export type LessonAnswers = Record<LessonField, string>;

/** Types whose closure always teaches something: a risk that materialised, an incident. */
const TYPES_WITH_LESSONS = new Set(['risk', 'incident']);

/**
 * Which closed issues owe the team a lessons-learned record: high or urgent work, risks and
 * incidents. Low-stakes work closes with a resolution note alone (a record may still be written on
 * any issue), so the records stay worth reading.
 */
export function needsLessons(issue: { priority: Priority; type: string }): boolean {
  return issue.priority === 'high' || issue.priority === 'urgent' || TYPES_WITH_LESSONS.has(issue.type);
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
