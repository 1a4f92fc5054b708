/** Query parameters whose values are replaced before a URL leaves the page. */
const SENSITIVE_PARAM = /pass|secret|token|key|auth|session|sig|code|credential|jwt/i;

/**
 * Masks the values of sensitive-looking query parameters (`?token=…` → `?token=[Filtered]`)
 * and drops credentials in the authority. Request bodies are never captured at all.
 */
export function scrubUrl(raw: string, base?: string): string {
  try {
    const url = new URL(raw, base);
    url.username = '';
    url.password = '';
    let changed = false;
    for (const name of new Set(url.searchParams.keys())) {
      if (SENSITIVE_PARAM.test(name)) {
        url.searchParams.set(name, '[Filtered]');
        changed = true;
      }
    }
    const out = url.toString();
    return changed ? out.replace(/%5BFiltered%5D/g, '[Filtered]') : out;
  } catch {
    return raw;
  }
}
