import type { WebhookEvent } from './webhook-event.ts';

/**
 * Chat messages for incoming webhooks of Slack, Mattermost and Microsoft Teams (Teams through
 * Workflows, which takes an Adaptive Card in a `message` envelope: the old Office 365 connectors
 * and their MessageCard shape are retired). One headline per event, then the issue's facts.
 */

/** "Mia changed status, priority of SHOP-42" — plain text, escaped by each format. */
export function headline(e: WebhookEvent): string {
  const who = e.actor?.name ?? (e.origin === 'automation' ? 'An automation rule' : 'Closeloop');
  const title = e.issue ? `${e.issueKey} ${e.issue.title}` : e.issueKey;
  switch (e.type) {
    case 'issue.created':
      return `${who} created ${title}`;
    case 'issue.updated':
      return `${who} changed ${(e.fields ?? []).join(', ') || 'fields'} of ${title}`;
    case 'issue.deleted':
      return `${who} deleted ${e.issueKey}`;
    case 'comment.created':
      return `${who} commented on ${title}`;
    case 'comment.updated':
      return `${who} edited a comment on ${title}`;
    case 'comment.deleted':
      return `${who} deleted a comment on ${title}`;
    case 'issue.sla_warning':
      return `SLA: ${slaClockName(e)} of ${title} is breaching soon${e.sla?.dueAt ? ` (due ${e.sla.dueAt})` : ''}`;
    case 'issue.sla_breached':
      return `SLA breached: ${slaClockName(e)} of ${title}`;
    default:
      return `${e.type}: ${title}`;
  }
}

const slaClockName = (e: WebhookEvent) => (e.sla?.metric === 'resolution' ? 'resolution' : 'first response');

function facts(e: WebhookEvent): [string, string][] {
  if (!e.issue) return [];
  const out: [string, string][] = [
    ['Status', e.issue.status],
    ['Priority', e.issue.priority],
    ['Assignee', e.issue.assignee ?? 'nobody'],
  ];
  if (e.issue.team) out.push(['Team', e.issue.team]);
  return out;
}

/** Slack's mrkdwn treats &, < and > as markup; everything else is literal. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackMessage(e: WebhookEvent): object {
  const text = headline(e);
  const link = e.issue ? `<${e.issue.url}|${slackEscape(e.issueKey)}>` : slackEscape(e.issueKey);
  const lines = [`${slackEscape(text)} (${link})`];
  if (e.comment) lines.push(`> ${slackEscape(e.comment.excerpt)}`);
  const blocks: object[] = [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  const f = facts(e);
  if (f.length > 0)
    blocks.push({
      type: 'context',
      elements: f.map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}:* ${slackEscape(v)}` })),
    });
  // `text` is the notification and fallback line; `blocks` is what the channel shows.
  return { text, blocks };
}

/** Mattermost takes Slack-style attachments (Markdown, not mrkdwn). */
export function mattermostMessage(e: WebhookEvent): object {
  const text = headline(e);
  return {
    text,
    attachments: [
      {
        fallback: text,
        title: e.issue ? `${e.issueKey} ${e.issue.title}` : e.issueKey,
        ...(e.issue ? { title_link: e.issue.url } : {}),
        ...(e.comment ? { text: e.comment.excerpt } : {}),
        fields: facts(e).map(([title, value]) => ({ title, value, short: true })),
      },
    ],
  };
}

/** Microsoft Teams (Workflows "when a Teams webhook request is received"): an Adaptive Card 1.4. */
export function teamsMessage(e: WebhookEvent): object {
  const body: object[] = [
    { type: 'TextBlock', text: headline(e), weight: 'Bolder', size: 'Medium', wrap: true },
  ];
  if (e.comment) body.push({ type: 'TextBlock', text: e.comment.excerpt, wrap: true, isSubtle: true });
  const f = facts(e);
  if (f.length > 0) body.push({ type: 'FactSet', facts: f.map(([title, value]) => ({ title, value })) });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          ...(e.issue
            ? { actions: [{ type: 'Action.OpenUrl', title: `Open ${e.issueKey}`, url: e.issue.url }] }
            : {}),
        },
      },
    ],
  };
}

/** The request body for an endpoint of this format. */
export function webhookBody(format: string, e: WebhookEvent): object {
  if (format === 'slack') return slackMessage(e);
  if (format === 'mattermost') return mattermostMessage(e);
  if (format === 'teams') return teamsMessage(e);
  return e;
}
