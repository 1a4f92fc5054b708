import { PROJECT_KEY_PATTERN } from '../issues/issue-key.ts';

/**
 * Where an inbound mail goes (issue 17.3). Mail to `<project>@<domain>` files a report in that
 * project (`<project>.<workspace-slug>@<domain>` when several workspaces have the key); mail to
 * `reply+<token>@<domain>`, or answering a notification whose Message-ID carries a token, becomes
 * a comment. Anything addressed outside the domain is refused: the listener never relays.
 */
export type MailRecipient =
  | { kind: 'project'; projectKey: string; workspaceSlug: string | null }
  | { kind: 'reply'; token: string }
  /** Not our domain: relaying is refused. */
  | { kind: 'foreign' }
  /** Our domain, but no mailbox of ours looks like this. */
  | { kind: 'unknown' };

/** A reply token: 128 random bits as lowercase hex (mail programs may lowercase a local part). */
export const REPLY_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

const norm = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');

/** Splits `local@domain` (a bracketed `<…>` form too); null when it is not an address. */
export function splitAddress(address: string): { local: string; domain: string } | null {
  const a = address.trim().replace(/^<(.*)>$/, '$1');
  const at = a.lastIndexOf('@');
  if (at <= 0 || at === a.length - 1) return null;
  return { local: a.slice(0, at), domain: norm(a.slice(at + 1)) };
}

export function parseRecipient(address: string, domain: string): MailRecipient {
  const parts = splitAddress(address);
  if (!parts || parts.domain !== norm(domain)) return { kind: 'foreign' };
  const local = parts.local.toLowerCase();
  const reply = /^reply\+(.+)$/.exec(local);
  if (reply)
    return REPLY_TOKEN_PATTERN.test(reply[1]!) ? { kind: 'reply', token: reply[1]! } : { kind: 'unknown' };
  const [key, slug, ...rest] = local.split('.');
  if (rest.length > 0 || !key || !PROJECT_KEY_PATTERN.test(key.toUpperCase())) return { kind: 'unknown' };
  if (slug !== undefined && !/^[a-z0-9-]{1,64}$/.test(slug)) return { kind: 'unknown' };
  return { kind: 'project', projectKey: key.toUpperCase(), workspaceSlug: slug ?? null };
}

/** The Reply-To of a notification mail about one issue, for one recipient. */
export function replyAddress(token: string, domain: string): string {
  return `reply+${token}@${norm(domain)}`;
}

/** The Message-ID of a notification mail: a reply's In-Reply-To / References lead back to it. */
export function notificationMessageId(token: string, domain: string): string {
  return `<cl.${token}@${norm(domain)}>`;
}

/**
 * Reply tokens named by the message ids a mail answers (In-Reply-To first, then References,
 * newest last in References, so it is read backwards): only ids of our own notifications count.
 */
export function replyTokensOf(inReplyTo: string | null, references: string | null, domain: string): string[] {
  const ids = [...(inReplyTo?.match(/<[^<>]+>/g) ?? []), ...(references?.match(/<[^<>]+>/g) ?? []).reverse()];
  const tokens: string[] = [];
  for (const id of ids) {
    const m = /^<cl\.([0-9a-f]{32})@([^<>]+)>$/i.exec(id.trim());
    if (m && norm(m[2]!) === norm(domain)) {
      const t = m[1]!.toLowerCase();
      if (!tokens.includes(t)) tokens.push(t);
    }
  }
  return tokens;
}

/**
 * Why a mail was written by a machine, or null for a person's mail. Answering (or filing) such
 * mail is how mail loops start: out-of-office replies to our notifications, bounces of them,
 * list traffic. RFC 3834 (Auto-Submitted), the de-facto Precedence and X-Autoreply family, the
 * null sender of delivery reports (RFC 5321 §4.5.5) and multipart/report bodies.
 *
 * `headers`: lower-cased names; `envelopeFrom`: the SMTP MAIL FROM ('' for the null sender),
 * or null when unknown (a provider's webhook that does not say).
 */
export function automatedMailReason(
  headers: Readonly<Record<string, string>>,
  envelopeFrom: string | null,
): string | null {
  if (envelopeFrom !== null && envelopeFrom.trim().replace(/^<>$/, '') === '')
    return 'null sender (a bounce)';
  const h = (name: string) => (headers[name] ?? '').trim().toLowerCase();
  const auto = h('auto-submitted');
  if (auto !== '' && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = h('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond']) {
    const v = h(name);
    if (v !== '' && v !== 'no') return `${name}: ${v}`;
  }
  if (h('x-loop') !== '' || h('x-closeloop-mail') !== '') return 'a mail loop marker';
  if (/^multipart\/report\b/.test(h('content-type'))) return 'a delivery or read report';
  const from = splitAddress(h('from').replace(/^.*<([^<>]+)>.*$/, '$1'));
  if (from && /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)$/.test(from.local))
    return `sent by ${from.local}`;
  return null;
}
