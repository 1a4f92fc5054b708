export interface NameVersion {
  name: string;
  version?: string;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: [string, RegExp][] = [
  ['Edge', /Edg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /(?:OPR|Opera)\/([\d.]+)/],
  ['Samsung Internet', /SamsungBrowser\/([\d.]+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /(?:HeadlessChrome|Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari\//],
];

const OSES: [string, RegExp][] = [
  ['iOS', /(?:iPhone|iPad|iPod).*? OS ([\d_]+)/],
  ['Android', /Android ([\d.]+)/],
  ['Windows', /Windows NT ([\d.]+)/],
  ['macOS', /Mac OS X ([\d_.]+)/],
  ['Chrome OS', /CrOS \S+ ([\d.]+)/],
  ['Linux', /Linux/],
];

function match(ua: string, table: [string, RegExp][]): NameVersion | undefined {
  for (const [name, re] of table) {
    const m = re.exec(ua);
    if (m) return m[1] ? { name, version: m[1].replace(/_/g, '.') } : { name };
  }
  return undefined;
}

/** `contexts.browser` and `contexts.os` from a user agent string; unknown parts are omitted. */
export function parseUserAgent(ua: string): { browser?: NameVersion; os?: NameVersion } {
  const out: { browser?: NameVersion; os?: NameVersion } = {};
  const browser = match(ua, BROWSERS);
  const os = match(ua, OSES);
  if (browser) out.browser = browser;
  if (os) out.os = os;
  return out;
}
