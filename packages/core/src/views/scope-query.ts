import { parseQuery } from '../query/parse-query.ts';
import type { QueryNode } from '../query/query-ast.ts';

function mentionsProject(node: QueryNode | null): boolean {
  if (!node) return false;
  if (node.kind === 'term') return node.field === 'project';
  if (node.kind === 'text') return false;
  if (node.kind === 'not') return mentionsProject(node.item);
  return node.items.some(mentionsProject);
}

/**
 * A view saved while a project is selected: the user's query, kept intact inside the project's
 * scope. `label:ux OR label:launch` on SHOP becomes `project:SHOP (label:ux OR label:launch)`;
 * prefixing without parentheses would bind to the first alternative only and match other
 * projects. `sort:` directives stay at the top level, where the language requires them. A query
 * that names a project itself, or does not parse (saving reports the error), is left as written.
 */
export function scopeQueryToProject(query: string, projectKey: string | null | undefined): string {
  const text = query.trim();
  if (!projectKey) return text;
  let parsed: ReturnType<typeof parseQuery>;
  try {
    parsed = parseQuery(text);
  } catch {
    return text;
  }
  if (mentionsProject(parsed.where)) return text;
  const scope = `project:${projectKey}`;
  if (!parsed.where) return text ? `${scope} ${text}` : scope;
  // Cut the sort directives out of the text (last first, so earlier offsets stay valid).
  let conditions = text;
  for (const s of [...parsed.sort].sort((a, b) => b.pos - a.pos)) {
    conditions = conditions.slice(0, s.pos) + conditions.slice(s.pos + s.len);
  }
  const sorts = parsed.sort.map((s) => text.slice(s.pos, s.pos + s.len));
  return [`${scope} (${conditions.trim().replace(/\s+/g, ' ')})`, ...sorts].join(' ');
}

const singleProject = (node: QueryNode): string | null =>
  node.kind === 'term' && node.field === 'project' && node.op === '=' && !node.value.includes(',')
    ? node.value.toUpperCase()
    : null;

/**
 * The one project a query is confined to (`project:SHOP (…)`, `project:SHOP label:ux`), or null
 * when it may match several. The app opens a saved view in that project: opened from another
 * project, the list's own project filter would otherwise leave nothing to show.
 */
export function projectOfQuery(query: string): string | null {
  let where: QueryNode | null;
  try {
    where = parseQuery(query).where;
  } catch {
    return null;
  }
  if (!where) return null;
  if (where.kind !== 'and') return singleProject(where);
  const scopes = where.items.map(singleProject).filter((k) => k !== null);
  return scopes.length === 1 ? scopes[0]! : null;
}
