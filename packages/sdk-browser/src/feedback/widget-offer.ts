import type { ReportServer } from './feedback-options.ts';
import { type KnownIssue, knownIssues } from './report-server.ts';
import { h } from './widget-dom.ts';

/** A pause this long in typing asks the server once (as on the public form). */
const TYPING_DELAY_MS = 300;
const MIN_TEXT = 3;

/**
 * "Is it one of these?" under the description (duplicates at the door, as on the public form):
 * open issues the team answered publicly that look like what is being typed, titles only.
 * Choosing one makes the report a +1 on it; the reporter can take it back before sending.
 */
export function knownIssueOffer(
  server: ReportServer,
  description: HTMLTextAreaElement,
  /** What the reporter typed, without the template's lines. */
  typed: () => string,
  onChoose: (issue: KnownIssue | undefined) => void,
): HTMLElement {
  const box = h('div', { class: 'offer', role: 'group', 'aria-label': 'Is it one of these?', hidden: '' });
  let chosen: KnownIssue | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = '';
  const show = (items: KnownIssue[]) => {
    if (chosen) {
      const undo = h('button', { type: 'button', text: 'No, it is something else' });
      undo.addEventListener('click', () => choose(undefined));
      box.replaceChildren(
        h('p', { role: 'status', text: `Your report will be added to “${chosen.title}”.` }),
        undo,
      );
      box.hidden = false;
      return;
    }
    box.hidden = items.length === 0;
    const list = h('ul');
    for (const issue of items) {
      const yes = h('button', { type: 'button', text: 'Yes, this one' });
      yes.addEventListener('click', () => choose(issue));
      list.append(h('li', {}, h('span', { text: issue.title }), yes));
    }
    box.replaceChildren(h('h3', { text: 'Is it one of these?' }), list);
  };
  const choose = (issue: KnownIssue | undefined) => {
    chosen = issue;
    onChoose(issue);
    if (!issue) asked = '';
    show([]);
    if (!issue) ask();
  };
  const ask = () => {
    const text = typed().trim();
    if (chosen || text === asked) return;
    asked = text;
    if (text.length < MIN_TEXT) return show([]);
    void knownIssues(server, text).then((items) => {
      // A later keystroke asked again: only the newest answer is shown.
      if (asked === text && !chosen) show(items);
    });
  };
  description.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, TYPING_DELAY_MS);
  });
  return box;
}
