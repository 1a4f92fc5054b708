import type { InboundMailBody } from '@closeloop/shared/api/mail-intake';

/**
 * One inbound mail as intake handles it, whichever way it came: parsed from the bytes the SMTP
 * listener received, or from a mail provider's inbound webhook (already parsed by the provider).
 */
export interface InboundMail {
  /** SMTP MAIL FROM ('' is the null sender of bounces); null when the transport does not say. */
  envelopeFrom: string | null;
  /** Where it was delivered: the SMTP RCPT TO addresses, or the webhook's to (and cc). */
  recipients: string[];
  from: { address: string; name: string | null } | null;
  subject: string;
  text: string | null;
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  /** Lower-cased header names → value (the first of repeated ones). */
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** Parses a raw RFC 5322 message (the DATA of an SMTP transaction). */
export async function parseRawMail(
  raw: Buffer,
  envelope: { from: string; recipients: string[] },
): Promise<InboundMail> {
  // Loaded on first mail only: an installation without email intake never pays for the parser.
  const { default: PostalMime } = await import('postal-mime');
  const m = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 20 });
  const headers: Record<string, string> = {};
  for (const h of m.headers) headers[h.key] ??= h.value;
  const from = m.from && 'address' in m.from && m.from.address ? m.from : null;
  return {
    envelopeFrom: envelope.from,
    recipients: envelope.recipients,
    from: from ? { address: from.address!.toLowerCase(), name: from.name || null } : null,
    subject: m.subject ?? '',
    text: m.text ?? null,
    html: m.html ?? null,
    messageId: m.messageId ?? null,
    inReplyTo: m.inReplyTo ?? null,
    references: m.references ?? null,
    headers,
    attachments: m.attachments
      // Inline images referenced from the HTML body are part of its look, not files the sender attached.
      .filter((a) => !a.related)
      .map((a) => ({
        filename: a.filename ?? 'attachment',
        contentType: a.mimeType,
        content:
          typeof a.content === 'string'
            ? Buffer.from(a.content)
            : a.content instanceof Uint8Array
              ? Buffer.from(a.content)
              : Buffer.from(a.content),
      })),
  };
}

/** Parses `Name <a@b>` or `a@b` as webhook bodies give addresses. */
function address(s: string): { address: string; name: string | null } | null {
  const m =
    /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>\s*$/.exec(s) ?? /^\s*()([^<>\s]+@[^<>\s]+)\s*$/.exec(s);
  return m ? { address: m[2]!.toLowerCase(), name: m[1]?.trim() || null } : null;
}

const list = (v: string | string[] | undefined) =>
  (Array.isArray(v) ? v : v ? v.split(',') : []).flatMap((s) => {
    const a = address(s);
    return a ? [a.address] : [];
  });

/** A provider's inbound webhook body (shared/api/mail-intake.ts) as an InboundMail. */
export function webhookMail(body: InboundMailBody): InboundMail {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(body.headers ?? {})) headers[k.toLowerCase()] ??= v;
  return {
    envelopeFrom: body.envelopeFrom ?? null,
    recipients: [...list(body.to), ...list(body.cc)],
    from: address(body.from),
    subject: body.subject ?? '',
    text: body.text ?? null,
    html: body.html ?? null,
    messageId: body.messageId ?? headers['message-id'] ?? null,
    inReplyTo: body.inReplyTo ?? headers['in-reply-to'] ?? null,
    references: body.references ?? headers.references ?? null,
    headers,
    attachments: (body.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.content, 'base64'),
    })),
  };
}
