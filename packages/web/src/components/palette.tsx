import { useEffect, useMemo, useRef, useState } from 'react';
import { displayShortcut } from '../actions/keys.ts';
import { type Action, type PickOption, useActions } from '../actions/registry.tsx';
import { Kbd } from './ui.tsx';

function score(text: string, q: string): number {
  if (!q) return 1;
  const t = text.toLowerCase();
  const idx = t.indexOf(q);
  if (idx >= 0) return 100 - idx;
  // Subsequence match ("crt" → "create") ranks below substring matches.
  let i = 0;
  for (const ch of t) if (ch === q[i]) i++;
  return i === q.length ? 10 : 0;
}

/** The command palette (Ctrl/⌘-K) and, in picker mode, the chooser used by a/p/s shortcuts. */
export function CommandPalette() {
  const { palette, closePalette, list, version } = useActions();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const restoreFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (palette.open) {
      restoreFocus.current = document.activeElement as HTMLElement | null;
      setQuery('');
      setActive(0);
      requestAnimationFrame(() => inputRef.current?.focus());
    } else restoreFocus.current?.focus?.();
  }, [palette.open]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version changes when actions change
  const entries: (PickOption & { shortcut?: string; section?: string; run: () => void })[] = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (palette.pick) {
      const pick = palette.pick;
      return pick.options
        .map((o) => ({ ...o, s: score(o.label, q), run: () => pick.onPick(o.id) }))
        .filter((o) => o.s > 0)
        .sort((a, b) => (q ? b.s - a.s : 0));
    }
    return list()
      .filter((a: Action) => !a.hidden)
      .map((a) => ({
        id: a.id,
        label: a.title,
        hint: a.section,
        section: a.section,
        shortcut: a.shortcut,
        s: score(`${a.title} ${a.section ?? ''}`, q),
        run: a.perform,
      }))
      .filter((a) => a.s > 0)
      .sort((a, b) => (q ? b.s - a.s : (a.section ?? '').localeCompare(b.section ?? '')));
  }, [query, palette.pick, list, version]);

  if (!palette.open) return null;
  const run = (i: number) => {
    const e = entries[i];
    if (!e) return;
    closePalette();
    // After the dialog unmounts, so actions that open another picker can do so.
    setTimeout(e.run, 0);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || (e.ctrlKey && e.key === 'n')) {
      e.preventDefault();
      setActive((a) => Math.min(entries.length - 1, a + 1));
    } else if (e.key === 'ArrowUp' || (e.ctrlKey && e.key === 'p')) {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      closePalette();
    }
  };
  const title = palette.pick?.title ?? 'Command palette';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop's click-to-close is a pointer shortcut; Escape closes the dialog from the keyboard
    <div className="overlay" onMouseDown={closePalette}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <input
          ref={inputRef}
          className="palette-input"
          placeholder={palette.pick ? `${palette.pick.title}…` : 'Type a command or search…'}
          aria-label={title}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={entries[active] ? `palette-opt-${active}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <div id="palette-list" className="palette-list" role="listbox" aria-label="Results">
          {entries.length === 0 && <div className="palette-empty">No matches</div>}
          {entries.map((e, i) => (
            <div
              key={e.id}
              id={`palette-opt-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`palette-item${i === active ? ' active' : ''}${palette.pick?.current === e.id ? ' current' : ''}`}
              onMouseMove={() => setActive(i)}
              // Keyboard choice goes through the combobox input (Enter); the pointer needs a click.
              onClick={() => run(i)}
              onKeyDown={(k) => {
                if (k.key !== 'Enter') return;
                k.stopPropagation();
                run(i);
              }}
            >
              <span className="palette-label">{e.label}</span>
              {e.hint && <span className="palette-hint">{e.hint}</span>}
              {e.shortcut && (
                <span className="palette-keys">
                  {displayShortcut(e.shortcut).map((k) => (
                    <Kbd key={k}>{k}</Kbd>
                  ))}
                </span>
              )}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

/** The `?` overlay: every shortcut currently available, grouped by section. */
export function ShortcutHelp() {
  const { helpOpen, setHelpOpen, list } = useActions();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (helpOpen) ref.current?.focus();
  }, [helpOpen]);
  if (!helpOpen) return null;
  const groups = new Map<string, Action[]>();
  for (const a of list()) {
    if (!a.shortcut) continue;
    const s = a.section ?? 'General';
    groups.set(s, [...(groups.get(s) ?? []), a]);
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop's click-to-close is a pointer shortcut; Escape closes the dialog from the keyboard
    <div className="overlay" onMouseDown={() => setHelpOpen(false)}>
      <div
        ref={ref}
        tabIndex={-1}
        className="dialog help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            setHelpOpen(false);
          }
        }}
      >
        <h2>Keyboard shortcuts</h2>
        <div className="help-grid">
          {[...groups].map(([section, actions]) => (
            <section key={section}>
              <h3>{section}</h3>
              <dl>
                {actions.map((a) => (
                  <div key={a.id} className="help-row">
                    <dt>{a.title}</dt>
                    <dd>
                      {displayShortcut(a.shortcut!).map((k) => (
                        <Kbd key={k}>{k}</Kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="muted">Press Esc to close.</p>
      </div>
    </div>
  );
}
