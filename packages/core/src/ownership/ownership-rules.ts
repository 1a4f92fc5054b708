import { globMatches } from './glob.ts';

/**
 * Ownership rules of a project, evaluated in order like CODEOWNERS: every rule is tested and the
 * LAST one that matches decides, so broad rules go first and specific ones after them. A rule
 * matches when every condition it states holds (conditions it leaves out are not tested); within
 * one condition any listed value may match. It assigns a team, a person, or both.
 */
export interface OwnershipConditions {
  /** Issue type keys (`risk`, `bug`). */
  types?: string[];
  /** Label names; any of them. */
  labels?: string[];
  /** Custom field (or component) key → accepted values. */
  fields?: Record<string, string[]>;
  /** Case-insensitive words or phrases in the title or description; any of them. */
  text?: string[];
  /** Machine-found issues: route or URL path patterns (`/checkout/**`). */
  routes?: string[];
  /** Machine-found issues: stack frame file path patterns (`src/payments/**`). */
  framePaths?: string[];
  /** Machine-found issues: exception types (`TypeError`). */
  errorTypes?: string[];
  /** Machine-found issues: release patterns (`2.4.*`). */
  releases?: string[];
}

export interface OwnershipRule {
  name: string;
  when: OwnershipConditions;
  teamId: number | null;
  userId: number | null;
}

/** What a rule can look at, gathered from the issue (and, for machine-found issues, its latest event). */
export interface OwnershipSubject {
  type: string;
  labels: readonly string[];
  fields: Readonly<Record<string, string | readonly string[]>>;
  title: string;
  description: string;
  route: string | null;
  url: string | null;
  framePaths: readonly string[];
  errorType: string | null;
  release: string | null;
}

export interface OwnershipMatch {
  /** Position of the rule in the list (0-based). */
  index: number;
  rule: OwnershipRule;
  /** The conditions that held, in words, for the issue page ("route /checkout/pay matches /checkout/**"). */
  reasons: string[];
}

/** The rule that decides the issue's owner, or null when none matches (or the matching one names nobody). */
export function matchOwnership(rules: readonly OwnershipRule[], s: OwnershipSubject): OwnershipMatch | null {
  let found: OwnershipMatch | null = null;
  rules.forEach((rule, index) => {
    const reasons = ruleReasons(rule.when, s);
    if (reasons && (rule.teamId !== null || rule.userId !== null)) found = { index, rule, reasons };
  });
  return found;
}

/** Why a rule's conditions hold, one phrase per condition; null when any fails or it states none. */
export function ruleReasons(w: OwnershipConditions, s: OwnershipSubject): string[] | null {
  const reasons: string[] = [];
  const need = <T>(values: readonly T[] | undefined, test: (v: T) => string | null): boolean => {
    if (!values || values.length === 0) return true;
    for (const v of values) {
      const why = test(v);
      if (why) {
        reasons.push(why);
        return true;
      }
    }
    return false;
  };
  const lowerLabels = s.labels.map((l) => l.toLowerCase());
  const text = `${s.title}\n${s.description}`.toLowerCase();
  const path = s.route ?? (s.url ? urlPath(s.url) : null);
  const ok =
    need(w.types, (t) => (t.toLowerCase() === s.type.toLowerCase() ? `type is ${s.type}` : null)) &&
    need(w.labels, (l) => (lowerLabels.includes(l.toLowerCase()) ? `label ${l}` : null)) &&
    Object.entries(w.fields ?? {}).every(([key, accepted]) =>
      need(accepted, (v) => {
        const have = s.fields[key];
        const list = have === undefined ? [] : typeof have === 'string' ? [have] : have;
        return list.some((x) => x.toLowerCase() === v.toLowerCase()) ? `${key} is ${v}` : null;
      }),
    ) &&
    need(w.text, (t) =>
      t.trim() && text.includes(t.trim().toLowerCase()) ? `text mentions "${t.trim()}"` : null,
    ) &&
    need(w.routes, (p) => (path !== null && globMatches(p, path) ? `route ${path} matches ${p}` : null)) &&
    need(w.framePaths, (p) => {
      const hit = s.framePaths.find((f) => globMatches(p, f));
      return hit ? `stack frame ${hit} matches ${p}` : null;
    }) &&
    need(w.errorTypes, (e) => (s.errorType === e ? `error type ${e}` : null)) &&
    need(w.releases, (p) =>
      s.release !== null && globMatches(p, s.release) ? `release ${s.release} matches ${p}` : null,
    );
  return ok && reasons.length > 0 ? reasons : null;
}

function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Stack frame paths as rules see them: the file path of each frame, without scheme and host. */
export function framePathsOf(
  frames: readonly { filename?: string | undefined; abs_path?: string | undefined }[],
) {
  const out: string[] = [];
  for (const f of frames) {
    const p = f.filename ?? f.abs_path;
    if (!p) continue;
    out.push(p.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\.?\//, ''));
  }
  return out;
}
