import { renderMarkdown } from '../markdown/render-markdown.ts';
import { TRACKING_LINK_SLOT } from './tracking-link.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/**
 * The mail that carries a team's question to a reporter (issue 17.4). It names the project, quotes
 * the reporter's own words and the question, and links to their tracking page (filled in when sent)
 * where they answer. No issue key, no names of the team, nothing of other reporters (issue 17.6).
 */
export function renderReporterQuestionMail(q: {
  projectName: string;
  reportDescription: string;
  question: string;
}): { subject: string; text: string; html: string } {
  const subject = `${q.projectName}: a question about your report`.replace(/[\r\n]+/g, ' ').slice(0, 250);
  const yours = clip(q.reportDescription.trim(), 500);
  const text = [
    `${q.projectName} has a question about the problem you reported:`,
    '',
    `> ${yours.replace(/\n/g, '\n> ')}`,
    '',
    q.question,
    '',
    `Answer on your report's page: ${TRACKING_LINK_SLOT}`,
    'Anyone with this link can see your report and answer; keep it to yourself.',
  ].join('\n');
  const html = [
    `<p>${esc(q.projectName)} has a question about the problem you reported:</p>`,
    `<blockquote>${esc(yours)}</blockquote>`,
    renderMarkdown(q.question),
    `<p><a href="${TRACKING_LINK_SLOT}">Answer on your report's page</a></p>`,
    '<p style="color:#888">Anyone with this link can see your report and answer; keep it to yourself.</p>',
  ].join('\n');
  return { subject, text, html };
}
