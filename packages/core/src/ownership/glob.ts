/**
 * CODEOWNERS-style patterns for routes, URLs, file paths and releases: `*` matches within one
 * `/`-separated segment, `**` across segments, `?` one character; anything else is literal.
 * A pattern without a wildcard matches the value exactly or as a path prefix (`/checkout` covers
 * `/checkout/pay`), as a CODEOWNERS directory entry does.
 */
export function globMatches(pattern: string, value: string): boolean {
  const p = pattern.trim();
  if (p === '') return false;
  if (!/[*?]/.test(p)) {
    const base = p.endsWith('/') ? p.slice(0, -1) : p;
    return value === base || value.startsWith(`${base}/`);
  }
  return globRegex(p).test(value);
}

const cache = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      src += '.*';
      i++;
    } else if (ch === '*') src += '[^/]*';
    else if (ch === '?') src += '[^/]';
    else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${src}$`);
  if (cache.size > 500) cache.clear();
  cache.set(pattern, re);
  return re;
}
