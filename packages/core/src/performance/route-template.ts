/**
 * Route templates: `/product/123` → `/product/:id`, so that performance is measured per page
 * of the app rather than per URL. A project's own patterns (`/product/:slug`, `/docs/*`) win;
 * otherwise segments that look like identifiers — numbers, UUIDs, long hex or mixed
 * letter-and-digit tokens, emails — become `:id`. `learnTemplates` proposes patterns for slug
 * segments (words that no rule recognises) when a position under the same prefix takes many values.
 */

const ID_SEGMENT = [
  /^\d+$/,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{12,}$/i,
  /^(?=.*\d)(?=.*[a-z])[a-z0-9_-]{16,}$/i,
  /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/,
];

export function looksLikeId(segment: string): boolean {
  return ID_SEGMENT.some((re) => re.test(segment));
}

/** Path of a URL or path, without query and fragment; `/` for an empty one. */
export function pathOf(urlOrPath: string): string {
  const noScheme = urlOrPath.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  const path = noScheme.split(/[?#]/, 1)[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** Does `path` match a pattern whose segments are literals, `:name` (one segment) or a final `*` (the rest)? */
export function matchesPattern(pattern: string, path: string): boolean {
  const p = split(pattern);
  const s = split(path);
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg === '*' && i === p.length - 1) return true;
    if (i >= s.length) return false;
    if (seg.startsWith(':')) continue;
    if (seg.endsWith('*') && i === p.length - 1) return s[i]!.startsWith(seg.slice(0, -1));
    if (seg !== s[i]) return false;
  }
  return p.length === s.length;
}

export function routeTemplate(urlOrPath: string, patterns: readonly string[] = []): string {
  const path = pathOf(urlOrPath);
  for (const pattern of patterns) if (matchesPattern(pattern, path)) return pattern;
  const segs = split(path).map((s) => (looksLikeId(safeDecode(s)) ? ':id' : s));
  return `/${segs.join('/')}`;
}

/**
 * Proposes a pattern for each position where, under one literal prefix, at least `minDistinct`
 * different non-id segments were seen (`/product/red-shoes`, `/product/blue-hat`… →
 * `/product/:slug`). Input: distinct paths already templated by `routeTemplate`.
 */
export function learnTemplates(paths: readonly string[], minDistinct = 20): string[] {
  const children = new Map<string, Set<string>>();
  for (const path of paths) {
    const segs = split(path);
    for (let i = 0; i < segs.length; i++) {
      const prefix = `/${segs.slice(0, i).join('/')}`;
      if (segs[i]!.startsWith(':')) continue;
      const key = `${prefix}\u0000${segs.length}\u0000${i}`;
      const set = children.get(key) ?? new Set<string>();
      children.set(key, set);
      set.add(segs[i]!);
    }
  }
  const out = new Set<string>();
  for (const path of paths) {
    const segs = split(path);
    const templ = segs.map((seg, i) => {
      const prefix = `/${segs.slice(0, i).join('/')}`;
      const set = children.get(`${prefix}\u0000${segs.length}\u0000${i}`);
      return set && set.size >= minDistinct ? ':slug' : seg;
    });
    if (templ.includes(':slug')) out.add(`/${templ.join('/')}`);
  }
  return [...out].sort();
}

function split(path: string): string[] {
  return pathOf(path).split('/').filter(Boolean);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
