/**
 * Shortcut notation: `c`, `?`, `mod+k` (Ctrl or ⌘), `shift+enter`, and two-key sequences `g i`.
 * Single keys never fire while the user types in a field; `mod+` chords always do.
 */

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function chordOf(e: KeyboardEvent): string {
  // The context-menu key and Shift+F10 are the same request (WAI-ARIA): one shortcut serves both.
  if (e.key === 'ContextMenu') return 'shift+f10';
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.altKey) parts.push('alt');
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
  // `?` and other shifted symbols are matched by their character, so shift is implied.
  if (e.shiftKey && key.length > 1) parts.push('shift');
  parts.push(key === ' ' ? 'space' : key);
  return parts.join('+');
}

export function isTypingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit'].includes(type);
  }
  return false;
}

/** Enter or Space on a focused link or button: the control's own click, never a page shortcut. */
export function activatesFocusedControl(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' && e.key !== ' ') return false;
  const t = e.target;
  return t instanceof HTMLElement && !!t.closest('a[href], button, [role="button"], [role="menuitem"]');
}

const KEY_NAMES: Record<string, string> = {
  enter: '↵',
  escape: 'Esc',
  backspace: '⌫',
  arrowleft: '←',
  arrowright: '→',
  arrowup: '↑',
  arrowdown: '↓',
  space: 'Space',
};

/** How a shortcut is shown: one label per key press of a sequence (`g i` → `G`, `I`). */
export function displayShortcut(s: string): string[] {
  const name = (p: string) =>
    p === 'mod'
      ? isMac
        ? '⌘'
        : 'Ctrl'
      : p === 'shift'
        ? isMac
          ? '⇧'
          : 'Shift'
        : p === 'alt'
          ? isMac
            ? '⌥'
            : 'Alt'
          : (KEY_NAMES[p] ?? p.toUpperCase());
  return s.split(' ').map((chord) =>
    chord
      .split('+')
      .map(name)
      .join(isMac ? '' : '+'),
  );
}
