import type { ReportWords } from './report-quality.ts';

/** Longest title taken from a report's first line. */
export const REPORT_TITLE_MAX = 120;

/**
 * The title of the issue a report files: its first non-empty line, cut at a word boundary
 * before REPORT_TITLE_MAX characters (an ellipsis marks the cut).
 */
export function reportTitle(description: string): string {
  const first = description
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  const line = (first ?? 'User report').replace(/\s+/g, ' ');
  if (line.length <= REPORT_TITLE_MAX) return line;
  const cut = line.slice(0, REPORT_TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > REPORT_TITLE_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Markdown description of the filed issue: the reporter's words under the prompts they answered. */
export function reportDescription(r: ReportWords & { url?: string | null | undefined }): string {
  const parts = [r.description.trim()];
  const section = (title: string, text: string | null | undefined) => {
    if (text?.trim()) parts.push(`**${title}**\n\n${text.trim()}`);
  };
  section('Steps to reproduce', r.steps);
  section('Expected', r.expected);
  section('What happened', r.actual);
  if (r.url) parts.push(`_Reported from ${r.url} with the feedback widget._`);
  return parts.join('\n\n');
}

/** Text the similarity engine compares a report with open issues by. */
export function reportSimilarityText(r: ReportWords): { title: string; description: string } {
  return {
    title: reportTitle(r.description),
    description: [r.description, r.steps, r.expected, r.actual].filter(Boolean).join('\n'),
  };
}
