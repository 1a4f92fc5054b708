import type { LessonsBody } from '@closeloop/shared/api/lessons';
import { LESSON_QUESTIONS } from '../lib/lessons.ts';

/** The record's five questions as form fields; the close dialog requires the root cause. */
export function LessonFields({
  initial,
  requireRootCause,
}: {
  initial?: LessonsBody | null;
  requireRootCause?: boolean;
}) {
  return LESSON_QUESTIONS.map((q) => (
    <label className="field" key={q.field}>
      <span>{q.label}</span>
      <textarea
        className="textarea"
        name={q.field}
        rows={2}
        placeholder={q.hint}
        defaultValue={initial?.[q.field] ?? ''}
        required={!!requireRootCause && q.field === 'rootCause'}
      />
    </label>
  ));
}

/** What a form holding LessonFields answered. */
export function lessonAnswers(form: HTMLFormElement): LessonsBody {
  const f = new FormData(form);
  return Object.fromEntries(LESSON_QUESTIONS.map((q) => [q.field, String(f.get(q.field) ?? '').trim()]));
}
