/**
 * Shortcut notation: `c`, `?`, `mod+k` (Ctrl or ⌘), `shift+enter`, and two-key sequences `g i`.
 * Single keys never fire while the user types in a field; `mod+` chords always do.
 */

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function chordOf(e: KeyboardEvent): string {
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

export function displayShortcut(s: string): string[] {
  return s.split(' ').map((chord) =>
    chord
      .split('+')
      .map((p) =>
        p === 'mod' ? (isMac ? '⌘' : 'Ctrl') : p === 'enter' ? '↵' : p.length === 1 ? p.toUpperCase() : p,
      )
      .join(isMac ? '' : '+'),
  );
}
