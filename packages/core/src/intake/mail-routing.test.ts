import { describe, expect, it } from 'vitest';
import {
  automatedMailReason,
  notificationMessageId,
  parseRecipient,
  replyAddress,
  replyTokensOf,
} from './mail-routing.ts';

const D = 'mail.example.com';
const T = '0123456789abcdef0123456789abcdef';

describe('parseRecipient', () => {
  it('reads a project, optionally with its workspace, case-insensitively', () => {
    expect(parseRecipient('shop@mail.example.com', D)).toEqual({
      kind: 'project',
      projectKey: 'SHOP',
      workspaceSlug: null,
    });
    expect(parseRecipient('<Shop.Acme@MAIL.example.com>', D)).toEqual({
      kind: 'project',
      projectKey: 'SHOP',
      workspaceSlug: 'acme',
    });
  });

  it('reads reply addresses by their token shape only', () => {
    expect(parseRecipient(replyAddress(T, D), D)).toEqual({ kind: 'reply', token: T });
    expect(parseRecipient(`REPLY+${T.toUpperCase()}@${D}`, D)).toEqual({ kind: 'reply', token: T });
    expect(parseRecipient(`reply+123@${D}`, D)).toEqual({ kind: 'unknown' });
  });

  it('calls every other domain foreign (never relayed) and odd local parts unknown', () => {
    expect(parseRecipient('shop@example.com', D)).toEqual({ kind: 'foreign' });
    expect(parseRecipient('shop@sub.mail.example.com', D)).toEqual({ kind: 'foreign' });
    expect(parseRecipient('not an address', D)).toEqual({ kind: 'foreign' });
    expect(parseRecipient('1shop@mail.example.com', D)).toEqual({ kind: 'unknown' });
    expect(parseRecipient('a.b.c@mail.example.com', D)).toEqual({ kind: 'unknown' });
  });
});

describe('replyTokensOf', () => {
  it('finds the tokens of our own notification ids in In-Reply-To, then References newest first', () => {
    const other = '<abc@gmail.com>';
    const t2 = 'f'.repeat(32);
    expect(
      replyTokensOf(
        notificationMessageId(T, D),
        `${notificationMessageId(t2, D)} ${other} ${notificationMessageId(T, D)}`,
        D,
      ),
    ).toEqual([T, t2]);
    expect(replyTokensOf(`<cl.${T}@evil.example>`, null, D)).toEqual([]);
    expect(replyTokensOf(null, null, D)).toEqual([]);
  });
});

describe('automatedMailReason', () => {
  const person = { from: 'Pat <pat@example.com>' };
  it('lets a person through', () => {
    expect(automatedMailReason(person, 'pat@example.com')).toBeNull();
    expect(automatedMailReason({ ...person, 'auto-submitted': 'no' }, null)).toBeNull();
  });
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'pat@example.com', /Auto-Submitted/],
    [{ precedence: 'bulk' }, 'pat@example.com', /Precedence/],
    [{ precedence: 'auto_reply' }, 'pat@example.com', /Precedence/],
    [{ 'x-autoreply': 'yes' }, 'pat@example.com', /x-autoreply/],
    [{}, '', /null sender/],
    [{}, '<>', /null sender/],
    [{ 'content-type': 'multipart/report; report-type=delivery-status' }, 'x@y.z', /report/],
    [{ from: 'Mail Delivery <MAILER-DAEMON@mx.example.com>' }, 'x@y.z', /mailer-daemon/],
  ])('ignores machine mail: %o from %s', (headers, envelope, reason) => {
    expect(automatedMailReason({ ...person, ...headers }, envelope)).toMatch(reason);
  });
});
