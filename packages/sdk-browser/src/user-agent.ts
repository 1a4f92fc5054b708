export interface NameVersion {
  name: string;
  version?: string;
}

// [token before "/version", reported name]. Order matters: Edge and Opera also say "Chrome",
// Chrome also says "Safari" (Safari's own version is in "Version/").
const BROWSERS = [
  ['Edg(?:e|A|iOS)?', 'Edge'],
  ['OPR', 'Opera'],
  ['(?:Firefox|FxiOS)', 'Firefox'],
  ['(?:HeadlessChrome|Chrome|CriOS)', 'Chrome'],
  ['Version', 'Safari'],
];

// [pattern with the version in group 1, reported name].
const OSES = [
  ['(?:iPhone|iPad|iPod).*? OS ([\\d_]+)', 'iOS'],
  ['Android ([\\d.]+)', 'Android'],
  ['Windows NT ([\\d.]+)', 'Windows'],
  ['Mac OS X ([\\d_.]+)', 'macOS'],
  ['CrOS \\S+ ([\\d.]+)', 'Chrome OS'],
  ['Linux()', 'Linux'],
];

function match(ua: string, table: string[][], suffix: string): NameVersion | undefined {
  for (const [pattern, name] of table) {
    const m = new RegExp(pattern + suffix).exec(ua);
    if (m) return m[1] ? { name: name!, version: m[1].replace(/_/g, '.') } : { name: name! };
  }
  return undefined;
}

/** `contexts.browser` and `contexts.os` from a user agent string; unknown parts are omitted. */
export function parseUserAgent(ua: string): { browser?: NameVersion; os?: NameVersion } {
  const out: { browser?: NameVersion; os?: NameVersion } = {};
  const browser = match(ua, BROWSERS, '\\/([\\d.]+)');
  const os = match(ua, OSES, '');
  if (browser) out.browser = browser;
  if (os) out.os = os;
  return out;
}
