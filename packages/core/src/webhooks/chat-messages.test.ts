import { describe, expect, it } from 'vitest';
import { headline, mattermostMessage, slackMessage, teamsMessage, webhookBody } from './chat-messages.ts';
import type { WebhookEvent } from './webhook-event.ts';

const event = (over: Partial<WebhookEvent> = {}): WebhookEvent => ({
  id: 'e1',
  type: 'issue.updated',
  occurredAt: '2026-12-02T12:00:00.000Z',
  project: { key: 'SHOP' },
  actor: { id: 3, name: 'Mia' },
  origin: 'person',
  fields: ['status', 'priority'],
  issueKey: 'SHOP-42',
  issue: {
    key: 'SHOP-42',
    title: 'Checkout <slow> & stuck',
    url: 'https://cl.example/issues/SHOP-42',
    type: 'bug',
    status: 'In progress',
    priority: 'high',
    assignee: 'Dana Designer',
    team: 'Web',
    labels: [],
  },
  ...over,
});

describe('chat messages', () => {
  it('says who changed which fields of which issue', () => {
    expect(headline(event())).toBe('Mia changed status, priority of SHOP-42 Checkout <slow> & stuck');
    expect(headline(event({ actor: null, origin: 'automation', type: 'issue.created' }))).toBe(
      'An automation rule created SHOP-42 Checkout <slow> & stuck',
    );
  });

  it('names the SLA clock that warned or breached', () => {
    const sla = { metric: 'first_response', dueAt: '2026-12-02T13:00:00.000Z', breachedAt: null };
    expect(headline(event({ actor: null, origin: 'sla', type: 'issue.sla_warning', sla }))).toBe(
      'SLA: first response of SHOP-42 Checkout <slow> & stuck is breaching soon (due 2026-12-02T13:00:00.000Z)',
    );
    expect(
      headline(
        event({
          actor: null,
          origin: 'sla',
          type: 'issue.sla_breached',
          sla: { ...sla, metric: 'resolution' },
        }),
      ),
    ).toBe('SLA breached: resolution of SHOP-42 Checkout <slow> & stuck');
  });

  it('escapes Slack mrkdwn and links the issue', () => {
    const m = slackMessage(event()) as { text: string; blocks: { text?: { text: string } }[] };
    expect(m.text).toContain('<slow>');
    const section = m.blocks[0]!.text!.text;
    expect(section).toContain('Checkout &lt;slow&gt; &amp; stuck');
    expect(section).toContain('<https://cl.example/issues/SHOP-42|SHOP-42>');
    expect(JSON.stringify(m.blocks[1])).toContain('*Assignee:* Dana Designer');
  });

  it('gives Mattermost an attachment with a title link and short fields', () => {
    const m = mattermostMessage(event({ comment: { id: 1, excerpt: 'Looks fixed' } })) as {
      attachments: { title_link: string; text: string; fields: { title: string; short: boolean }[] }[];
    };
    expect(m.attachments[0]!.title_link).toBe('https://cl.example/issues/SHOP-42');
    expect(m.attachments[0]!.text).toBe('Looks fixed');
    expect(m.attachments[0]!.fields.map((f) => f.title)).toEqual(['Status', 'Priority', 'Assignee', 'Team']);
  });

  it('wraps an Adaptive Card in a Teams Workflows message', () => {
    const m = teamsMessage(event()) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; actions: { url: string }[] };
      }[];
    };
    expect(m.type).toBe('message');
    expect(m.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(m.attachments[0]!.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(m.attachments[0]!.content.actions[0]!.url).toBe('https://cl.example/issues/SHOP-42');
  });

  it('sends a deleted issue without a link and the JSON format as the event itself', () => {
    const gone = event({ type: 'issue.deleted', issue: null, fields: undefined });
    expect(JSON.stringify(teamsMessage(gone))).not.toContain('Action.OpenUrl');
    expect(headline(gone)).toBe('Mia deleted SHOP-42');
    expect(webhookBody('json', gone)).toBe(gone);
  });
});
