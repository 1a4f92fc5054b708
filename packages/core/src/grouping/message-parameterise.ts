/**
 * Replaces the variable parts of a message with placeholders so that `Order 1234 not found`
 * and `Order 98 not found` group together:
 *
 *   URLs        → scheme + host kept, path parameterised segment by segment, query and
 *                 fragment dropped: `https://api.shop.example/orders/1234?x=1` →
 *                 `https://api.shop.example/orders/<int>`. The path shape says *which*
 *                 endpoint failed, which is worth a separate issue; the query rarely is.
 *   <email> <uuid> <ip> <date> <hex> <id> <version> <float> <int>
 *   '<str>'     quoted text that looks like data (spaces, digits, longer than 60
 *                 characters). Short code-like quoted text — `'x'`, `"userId"`, `'./Cart'` —
 *                 is kept, because it names the property or module that failed and
 *                 `reading 'price'` and `reading 'id'` are different bugs.
 *
 * The function is idempotent (placeholders are never rewritten) and linear in the input.
 * Browsers word the same error differently (Chrome `Cannot read properties of undefined
 * (reading 'x')`, Firefox `can't access property "x", y is undefined`, Safari `undefined is
 * not an object (evaluating 'y.x')`); those stay distinct here. Error events group by stack
 * first, so this only splits issues whose stacks are missing or minified.
 */

const ALTERNATIVES: readonly string[] = [
  // Percent-escapes are kept as they are, so `%20` does not become `%<int>`.
  '(?<pct>%[0-9A-Fa-f]{2})',
  String.raw`(?<url>(?<![\w>])[a-zA-Z][a-zA-Z0-9+.-]{0,30}:\/\/[^\s'"()\[\]{}\x60]*)`,
  String.raw`(?<email>(?<![\w.+>-])[\w.+-]{1,64}@[a-zA-Z0-9-]{1,63}(?:\.[a-zA-Z0-9-]{1,63})+(?![\w<]))`,
  String.raw`(?<uuid>(?<![\w>])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w<]))`,
  // Date.prototype.toString(): `Tue Jun 11 2024 12:00:00 GMT+0200 (Central European Summer Time)`.
  String.raw`(?<jsdate>(?<![\w>])(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}(?: \([^)\n]{1,80}\)(?![\w<]))?(?![\w<]))`,
  String.raw`(?<isodate>(?<![\w.>])\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w.<]))`,
  String.raw`(?<ipv4>(?<![\w.>])(?:\d{1,3}\.){3}\d{1,3}(?![\w.<]))`,
  String.raw`(?<ipv6>(?<![\w:.>])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:<])|(?<![\w:.>])(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,5})?(?![\w:<])|(?<=^|[\s(\[=,/@])::(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{1,4}(?![\w:<]))`,
  String.raw`(?<hex0x>(?<![\w>])0[xX][0-9a-fA-F]+(?![\w<]))`,
  // Any longer run of word characters; the replacer decides whether it is a hash or an id.
  String.raw`(?<token>(?<![\w$>]|[\d>]\.)[A-Za-z0-9_-]{8,}(?![\w$<]|\.[\d<]|:\/\/))`,
  // Quotes open after a space or an opening bracket and close before one; apostrophes in
  // `can't` and `it's` are not quotes.
  String.raw`(?<squote>(?<=^|[\s(\[{])'[^'\n]{0,200}'(?=$|[\s)\]},;:.!?]))`,
  String.raw`(?<dquote>(?<=^|[\s(\[{])"[^"\n]{0,200}"(?=$|[\s)\]},;:.!?]))`,
  String.raw`(?<bquote>(?<=^|[\s(\[{])\x60[^\x60\n]{0,200}\x60(?=$|[\s)\]},;:.!?]))`,
  String.raw`(?<version>(?<![\w.$>])v?\d+(?:\.\d+){2,}(?:-[0-9A-Za-z.]+)?(?![\w.<]))`,
  String.raw`(?<float>(?<![\w.$>])\d+\.\d+(?:[eE][+-]?\d+)?(?![\w<]|\.[\d<]))`,
  String.raw`(?<int>(?<![A-Za-z0-9$>])\d+)`,
];

// Where a lookbehind refuses a word character it also refuses `>`, and a lookahead `<`: a
// placeholder stands where a word character stood in the first pass, and the second pass must
// see the same boundaries (this is what keeps the function idempotent).
const PATTERN = new RegExp(ALTERNATIVES.join('|'), 'g');

export function parameteriseMessage(message: string): string {
  if (typeof message !== 'string' || message === '') return '';
  return message.replace(PATTERN, (match: string, ...args: unknown[]) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    if (groups.pct !== undefined) return match;
    if (groups.url !== undefined) return parameteriseUrlInText(match);
    if (groups.email !== undefined) return '<email>';
    if (groups.uuid !== undefined) return '<uuid>';
    if (groups.jsdate !== undefined || groups.isodate !== undefined) return '<date>';
    if (groups.ipv4 !== undefined) return '<ip>';
    // `cafe::babe` could be a C++-style name; an address we care about has a digit.
    if (groups.ipv6 !== undefined) return /\d/.test(match) ? '<ip>' : match;
    if (groups.hex0x !== undefined) return '<hex>';
    if (groups.token !== undefined) return parameteriseToken(match);
    if (groups.squote !== undefined || groups.dquote !== undefined || groups.bquote !== undefined) {
      // The quotes stay, so the text around sees the same boundaries on a second pass.
      return isCodeLike(match.slice(1, -1)) ? match : `${match[0]}<str>${match[0]}`;
    }
    if (groups.version !== undefined) return '<version>';
    if (groups.float !== undefined) return '<float>';
    if (groups.int !== undefined) return '<int>';
    return match;
  });
}

/**
 * A long word: each `-`/`_`-separated part that is a number becomes `<int>`, hex with a digit
 * `<hex>`, letters with two or more digits (8+ characters) `<id>`; words stay as they are
 * (`ERR_CONNECTION_REFUSED`, `checkout-button`, `order-1234` → `order-<int>`).
 */
function parameteriseToken(token: string): string {
  return token
    .split(/([-_])/)
    .map((part, i) => {
      if (i % 2 === 1 || part === '') return part;
      if (/^\d+$/.test(part)) return '<int>';
      const digits = part.match(/\d/g)?.length ?? 0;
      if (digits === 0) return part;
      if (part.length >= 7 && /^[0-9a-fA-F]+$/.test(part)) return '<hex>';
      if (part.length >= 8 && digits >= 2) return '<id>';
      // As the <int> rule would: `11th` → `<int>th`.
      return part.replace(/^\d+/, '<int>');
    })
    .join('');
}

/** Quoted text that names code rather than carrying data. */
function isCodeLike(text: string): boolean {
  if (text === '') return true;
  return text.length <= 60 && /^[\w$./:#<>-]+$/.test(text) && !/\d/.test(text);
}

/** Trailing punctuation after a URL in prose belongs to the sentence. */
function parameteriseUrlInText(url: string): string {
  const trail = /[.,;:!?]+$/.exec(url)?.[0] ?? '';
  return parameteriseUrl(url.slice(0, url.length - trail.length)) + trail;
}

const URL_PARTS = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)?([^/?#]*)([^?#]*)/;

/**
 * `https://user:pw@api.shop.example:8443/orders/1234/items?page=2#top` →
 * `https://api.shop.example:8443/orders/<int>/items`. Credentials, query and fragment are
 * dropped, an IP host becomes `<ip>`. Works on the string as written — `new URL` would
 * percent-encode the placeholders and break idempotence.
 */
export function parameteriseUrl(url: string): string {
  const match = URL_PARTS.exec(url);
  if (!match) return url;
  const scheme = (match[1] ?? '').toLowerCase();
  let host = (match[2] ?? '').replace(/^.*@/, '').toLowerCase();
  if (!scheme) return parameterisePath(host + (match[3] ?? ''));
  const hostOnly = host.replace(/:\d*$/, '').replace(/[.,;:!?]+$/, '');
  if (/^(\d{1,3}\.){3}\d{1,3}$/.test(hostOnly) || hostOnly.startsWith('[')) {
    host = `<ip>${host.slice(hostOnly.length)}`;
  }
  return scheme + host + parameterisePath(match[3] ?? '');
}

/** `/orders/1234/items/9f86d081884c7d65` → `/orders/<int>/items/<hex>`. No query expected. */
export function parameterisePath(path: string): string {
  return path.split('/').map(parameteriseSegment).join('/');
}

const EMAIL_SEGMENT = /^[\w.+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;
const IPV4_SEGMENT = /^(\d{1,3}\.){3}\d{1,3}$/;

/**
 * Parts between dots are parameterised one by one, so that a file name such as
 * `827.3f9a1c2b.chunk.js` becomes `<int>.<hex>.chunk.js` (as text it would read as a float).
 */
function parameteriseSegment(segment: string): string {
  if (segment === '') return segment;
  // Trailing punctuation is classified apart, as it is when the URL ends a sentence.
  const trail = /[.,;:!?]+$/.exec(segment)?.[0] ?? '';
  const core = segment.slice(0, segment.length - trail.length);
  if (EMAIL_SEGMENT.test(core)) return `<email>${trail}`;
  if (IPV4_SEGMENT.test(core)) return `<ip>${trail}`;
  return segment.split('.').map(parameteriseMessage).join('.');
}
