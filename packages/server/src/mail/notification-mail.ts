import { renderMarkdown } from '../markdown/render-markdown.ts';

/** What a notification mail says: built from the notification, its issue and the comment, if any. */
export interface MailItem {
  kind: string;
  issueKey: string;
  issueTitle: string;
  actorName: string | null;
  fields: readonly string[];
  /** Markdown of the comment (commented, mentioned in a comment), or null. */
  commentBody: string | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function issueLink(publicUrl: string, issueKey: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/issues/${encodeURIComponent(issueKey)}`;
}

/** One line saying what happened, e.g. "Mia Member mentioned you". */
export function headline(item: MailItem): string {
  const who = item.actorName ?? 'Someone';
  switch (item.kind) {
    case 'mentioned':
      return `${who} mentioned you`;
    case 'assigned':
      return `${who} assigned it to you`;
    case 'commented':
      return `${who} commented`;
    default:
      return `${who} changed ${item.fields.length > 0 ? item.fields.join(', ') : 'it'}`;
  }
}

function excerpt(markdown: string, max = 2_000): string {
  return markdown.length > max ? `${markdown.slice(0, max)}…` : markdown;
}

export function renderNotificationMail(
  item: MailItem,
  publicUrl: string,
  /** Email intake is on: a reply to this mail becomes a comment (mail/reply-headers.ts). */
  replyable = false,
): { subject: string; text: string; html: string } {
  const link = issueLink(publicUrl, item.issueKey);
  const line = headline(item);
  const subject = `[${item.issueKey}] ${item.issueTitle} — ${line}`.replace(/[\r\n]+/g, ' ').slice(0, 250);
  const body = item.commentBody ? excerpt(item.commentBody) : null;
  const text = [
    `${line} on ${item.issueKey}: ${item.issueTitle}`,
    '',
    ...(body ? [body, ''] : []),
    `Open ${item.issueKey}: ${link}`,
    ...(replyable ? [`Reply to this email to comment on ${item.issueKey}.`] : []),
    '',
    footer(publicUrl),
  ].join('\n');
  const html = [
    `<p>${esc(line)} on <a href="${esc(link)}">${esc(item.issueKey)}</a>: ${esc(item.issueTitle)}</p>`,
    body ? `<blockquote>${renderMarkdown(body)}</blockquote>` : '',
    `<p><a href="${esc(link)}">Open ${esc(item.issueKey)}</a></p>`,
    replyable ? `<p>Reply to this email to comment on ${esc(item.issueKey)}.</p>` : '',
    `<p style="color:#888">${esc(footer(publicUrl))}</p>`,
  ].join('\n');
  return { subject, text, html };
}

export function renderDigestMail(
  items: readonly MailItem[],
  publicUrl: string,
  period: string,
): { subject: string; text: string; html: string } {
  const keys = [...new Set(items.map((i) => i.issueKey))];
  const subject = `Closeloop ${period} digest: ${items.length} update${items.length === 1 ? '' : 's'} on ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? '…' : ''}`;
  const text = [
    `${items.length} update${items.length === 1 ? '' : 's'} since your last digest:`,
    '',
    ...items.map(
      (i) => `- ${i.issueKey} ${i.issueTitle}: ${headline(i)} — ${issueLink(publicUrl, i.issueKey)}`,
    ),
    '',
    footer(publicUrl),
  ].join('\n');
  const html = [
    `<p>${items.length} update${items.length === 1 ? '' : 's'} since your last digest:</p>`,
    '<ul>',
    ...items.map(
      (i) =>
        `<li><a href="${esc(issueLink(publicUrl, i.issueKey))}">${esc(i.issueKey)}</a> ${esc(i.issueTitle)}: ${esc(headline(i))}</li>`,
    ),
    '</ul>',
    `<p style="color:#888">${esc(footer(publicUrl))}</p>`,
  ].join('\n');
  return { subject, text, html };
}

function footer(publicUrl: string): string {
  return `You receive this because you watch these issues. Change how often: ${publicUrl.replace(/\/+$/, '')}/settings/notifications`;
}
