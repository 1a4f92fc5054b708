/**
 * What a person wrote in a mail, without what their mail program added: the quoted message they
 * answered ("On … wrote:" and the `>` lines under it, Outlook's "-----Original Message-----" or
 * "From: … Sent: …" header block, a line of underscores) and their signature (the RFC 3676
 * delimiter "-- ", and the one-line "Sent from my phone" tags). A mail filed as an issue or a
 * reply added as a comment keeps only the new words.
 */

/** Lines that start the quoted message; everything from them on is the earlier mail. */
const QUOTE_HEADERS: readonly RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Tue, 1 Dec 2026 at 10:00, Mia <mia@x.io> wrote:"
  /^\s*On\b.{0,300}\bwrote:\s*$/i,
  // Localised forms of the same line (non-ASCII as \u escapes: one such character makes V8 hold
  // the whole server bundle as two-byte text, server/build.ts).
  /^\s*(Am|Le|El|Il|Op|Den)\b.{0,300}\b(schrieb|a \u00e9crit|escribi\u00f3|ha scritto|schreef|skrev)\s*.{0,40}:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Urspr\u00fcngliche Nachricht|Message d'origine|Forwarded message)\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/,
  // Outlook's header block: "From: …" directly followed by "Sent:"/"Date:" (checked below).
];

/** Signature tags that phones and mail apps add on their own. */
const DEVICE_TAGS =
  /^\s*(Sent from my \w[\w ]{0,40}|Sent from (Mail|Outlook|Yahoo Mail)\b.*|Get Outlook for \w+.*)$/i;

/** The RFC 3676 signature delimiter; some programs drop its trailing space. */
const SIGNATURE_DELIMITER = /^-- ?$/;

function isOutlookHeader(lines: readonly string[], i: number): boolean {
  return (
    /^\s*\*?From:\*?\s+\S/i.test(lines[i] ?? '') && /^\s*\*?(Sent|Date|To):\*?\s+\S/i.test(lines[i + 1] ?? '')
  );
}

/**
 * The new words of a plain-text mail body; empty when the mail holds nothing but quote and
 * signature (the caller decides what an empty reply means).
 */
export function trimMailReply(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const quoteStarts =
      QUOTE_HEADERS.some((re) => re.test(line)) ||
      isOutlookHeader(lines, i) ||
      // Gmail folds a long "On … wrote:" over two lines.
      (/^\s*On\b/i.test(line) && /\bwrote:\s*$/i.test(lines[i + 1] ?? ''));
    if (quoteStarts || SIGNATURE_DELIMITER.test(line) || DEVICE_TAGS.test(line)) {
      end = i;
      break;
    }
  }
  // Quoted lines (">") above the cut are the other person's words too (inline replies keep the rest).
  const kept = lines.slice(0, end).filter((l) => !/^\s*>/.test(l));
  return kept
    .join('\n')
    .trim()
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * Plain text of an HTML-only mail, for trimming and filing: block ends become line breaks,
 * blockquotes (the quoted message in HTML mail) are dropped, tags removed, entities decoded.
 */
export function htmlMailText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n');
}
