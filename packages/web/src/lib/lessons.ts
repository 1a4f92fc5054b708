import { lessonsReasons } from '@closeloop/core/closure/lessons-policy';
import type { ResolutionModeBody } from '@closeloop/shared/api/fix-verification';
import type { Issue } from '@closeloop/shared/api/issues';
import type { Lessons, LessonsBody } from '@closeloop/shared/api/lessons';
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Changes } from './mutations.ts';

/** The record's questions as the close dialog and the issue page ask them. */
export const LESSON_QUESTIONS: { field: keyof LessonsBody & string; label: string; hint: string }[] = [
  { field: 'whatHappened', label: 'What happened', hint: 'The problem as the team met it' },
  { field: 'impact', label: 'Impact', hint: 'Who or what it hit: users, dates, deliverables' },
  { field: 'rootCause', label: 'Root cause', hint: 'Why it happened' },
  { field: 'fix', label: 'What fixed it', hint: 'The change that resolved it' },
  { field: 'prevention', label: 'What will prevent it', hint: 'What the next team should do differently' },
];

/** Splits what the close dialog answered into the issue edit and the record written with it. */
export function closingChanges(c: {
  resolution: Changes['resolution'];
  resolutionNote: string | null;
  lessons?: LessonsBody;
  duplicateOf?: string;
  fixMode?: ResolutionModeBody;
}) {
  const { lessons, duplicateOf, fixMode, ...changes } = c;
  return { changes: changes as Changes, lessons, duplicateOf, fixMode };
}

/**
 * Why closing `issue` asks for a lessons-learned record: the server's answer, which knows the
 * project's rule (the server refuses the close without the record when the rule matches); the
 * built-in rule alone if the server cannot be asked.
 */
export async function lessonsAsked(qc: QueryClient, issue: Issue): Promise<string[]> {
  try {
    const l = await qc.fetchQuery({
      queryKey: ['lessons', issue.key],
      queryFn: () => api<Lessons>(`/issues/${issue.key}/lessons`),
      staleTime: 0,
    });
    return l.reasons;
  } catch {
    return lessonsReasons(issue);
  }
}

/**
 * What closing several issues at once (list, bulk bar, the status command) asks: the issues that
 * owe a record, and the reasons the one lessons form shows, each prefixed by its issue when there
 * are several. The one record answered is written to each issue that owes it.
 */
export async function lessonsAskedOfAll(
  qc: QueryClient,
  issues: Issue[],
): Promise<{ owing: string[]; reasons: string[] }> {
  const asked = await Promise.all(
    issues.map(async (i) => ({ key: i.key, reasons: await lessonsAsked(qc, i) })),
  );
  const owing = asked.filter((a) => a.reasons.length > 0);
  return {
    owing: owing.map((a) => a.key),
    reasons:
      issues.length === 1 ? (owing[0]?.reasons ?? []) : owing.map((a) => `${a.key}: ${a.reasons.join(', ')}`),
  };
}

/** Written before the close: an issue the project's rule chooses closes only once it has its record. */
export async function writeLessons(key: string, lessons: LessonsBody | undefined) {
  if (!lessons || Object.values(lessons).every((v) => !v)) return;
  await api(`/issues/${key}/lessons`, { method: 'PUT', body: lessons });
}
