import { truncate } from './truncate.ts';

/** Elements a user expects to react to a click. Form fields are excluded: focusing them is the reaction. */
const INTERACTIVE =
  'a[href],button,input:is([type=button],[type=submit],[type=reset],[type=image]),[role=button],[role=link],[role=menuitem],[role=tab],[onclick],summary';
/** Clicks where repeated clicking is normal (text selection) never count as rage. */
const TEXT_EDITING =
  'textarea,[contenteditable]:not([contenteditable=false]),input:not([type=button],[type=submit],[type=reset],[type=image],[type=checkbox],[type=radio])';
/** Elements whose text is a label the user reads, safe to report (never user-typed values). */
const LABELLED = 'a,button,[role],summary,label';

export function interactiveTarget(el: Element): Element | undefined {
  const target = el.closest(INTERACTIVE);
  if (!target) return undefined;
  if (target.getAttribute('aria-disabled') === 'true' || (target as HTMLButtonElement).disabled)
    return undefined;
  // New tabs and downloads react outside this page, where we cannot see them.
  if (
    target instanceof HTMLAnchorElement &&
    (target.hasAttribute('download') || (target.target && target.target !== '_self'))
  ) {
    return undefined;
  }
  return target;
}

export function isTextEditing(el: Element): boolean {
  return el.closest(TEXT_EDITING) !== null;
}

// Descriptive, not guaranteed to be a valid selector: ids and classes are not CSS-escaped.
function part(el: Element): string {
  const tag = el.tagName.toLowerCase();
  if (el.id) return `${tag}#${el.id}`;
  const classes = Array.from(el.classList, (c) => `.${c}`).slice(0, 2);
  return tag + classes.join('');
}

/** A short CSS path (at most 4 levels, stopping at an id) that identifies the element in a report. */
export function describeSelector(el: Element): string {
  const parts: string[] = [];
  let node: Element | null = el;
  while (node && parts.length < 4 && node.tagName !== 'HTML') {
    parts.unshift(part(node));
    if (node.id || node.tagName === 'BODY') break;
    node = node.parentElement;
  }
  return truncate(parts.join(' > '), 1_000);
}

/** Visible label of buttons and links (trimmed, ≤ 100 chars); undefined for anything else. */
export function describeText(el: Element): string | undefined {
  const text =
    el.closest(LABELLED)?.textContent ??
    (el.matches('input[type=button],input[type=submit]') ? (el as HTMLInputElement).value : '');
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  return trimmed ? truncate(trimmed, 100) : undefined;
}
