/**
 * The email domains a workspace lets in through single sign-on: a person signing in for the first
 * time joins as a member only when their verified address is at one of them. A domain matches
 * exactly (no subdomains: `example.com` does not admit `evil.example.com`).
 */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

export function domainAllowed(email: string, allowed: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== '' && allowed.includes(domain);
}

/** Lower-cased, without a leading `@`, blanks and repeats dropped, in the order given. */
export function normaliseDomains(domains: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of domains) {
    const clean = d.trim().toLowerCase().replace(/^@/, '');
    if (clean && !out.includes(clean)) out.push(clean);
  }
  return out;
}
