import { parseMentions } from '@closeloop/core/mentions/parse-mentions';
import type { Directory } from './directory.ts';

export type MentionTarget = { href: string; title: string };

/** What a handle names, the way the server resolves it: a member's email (local part or whole), or a team key. */
export function mentionResolver(dir: Pick<Directory, 'members' | 'teams'>) {
  return (handle: string): MentionTarget | null => {
    const h = handle.toLowerCase();
    const person = dir.members.find(
      (m) => m.email.toLowerCase() === h || m.email.toLowerCase().split('@')[0] === h,
    );
    if (person)
      return { href: `/issues?q=${encodeURIComponent(`assignee:${person.email}`)}`, title: person.name };
    const team = dir.teams.find((t) => t.key.toLowerCase() === h);
    if (team) return { href: `/issues?q=${encodeURIComponent(`team:${team.key}`)}`, title: team.name };
    return null;
  };
}

/**
 * Turns the @mentions in already sanitised comment HTML into links to the person (their issues) or
 * team, marked `.mention`. Text inside code and existing links is left alone, and so are handles
 * that name nobody. Mentions are found by the same rules the server notifies by (core parseMentions).
 */
export function linkMentions(html: string, resolve: (handle: string) => MentionTarget | null): string {
  if (!html.includes('@')) return html;
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!(n as Text).data.includes('@')) continue;
    if ((n.parentElement as Element | null)?.closest('code, pre, a')) continue;
    texts.push(n as Text);
  }
  for (const text of texts) {
    const found = parseMentions(text.data)
      .map((m) => ({ m, to: resolve(m.handle) }))
      .filter((x) => x.to);
    if (!found.length) continue;
    const frag = doc.createDocumentFragment();
    let at = 0;
    for (const { m, to } of found) {
      frag.append(text.data.slice(at, m.start));
      const a = doc.createElement('a');
      a.className = 'mention';
      a.href = to!.href;
      a.title = to!.title;
      a.textContent = text.data.slice(m.start, m.end);
      frag.append(a);
      at = m.end;
    }
    frag.append(text.data.slice(at));
    text.replaceWith(frag);
  }
  return doc.body.innerHTML;
}
