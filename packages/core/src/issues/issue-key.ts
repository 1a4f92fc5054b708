import { Invalid } from '@closeloop/shared/errors';

/** Project keys are 2–10 upper-case letters or digits starting with a letter, as in Jira: `SHOP`. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}$/;

export function formatIssueKey(projectKey: string, number: number): string {
  return `${projectKey}-${number}`;
}

export function parseIssueKey(key: string): { projectKey: string; number: number } {
  const m = /^([A-Za-z][A-Za-z0-9]{1,9})-(\d{1,9})$/.exec(key);
  if (!m) throw new Invalid(`"${key}" is not an issue key like SHOP-42`, { key });
  return { projectKey: m[1]!.toUpperCase(), number: Number(m[2]) };
}
