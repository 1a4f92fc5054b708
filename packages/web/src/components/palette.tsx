import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { type Action, defaultChoice } from '../actions/bind.ts';
import { useActions } from '../actions/registry.tsx';
import { commandEntries, type Entry, score } from './palette-entries.ts';
import { usePaletteIssues } from './palette-issues.ts';
import { ShortcutKeys } from './shortcut-keys.tsx';

/** The command palette (Ctrl/⌘-K) and, in picker mode, the chooser used by a/p/s shortcuts. */
export function CommandPalette() {
  const { palette, closePalette, list, version } = useActions();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  // null: the default entry (the first one that is not destructive); a number once the user moves.
  const [cursor, setCursor] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const restoreFocus = useRef<HTMLElement | null>(null);
  const issues = usePaletteIssues(query, palette.open && !palette.pick);

  useEffect(() => {
    if (palette.open) {
      restoreFocus.current = document.activeElement as HTMLElement | null;
      setQuery('');
      setCursor(null);
      requestAnimationFrame(() => inputRef.current?.focus());
    } else restoreFocus.current?.focus?.();
  }, [palette.open]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version changes when actions change
  const entries: Entry[] = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (palette.pick) {
      const pick = palette.pick;
      return pick.options
        .map((o) => ({ ...o, s: score(o.label, q), run: () => pick.onPick(o.id) }))
        .filter((o) => o.s > 0)
        .sort((a, b) => (q ? b.s - a.s : 0));
    }
    return commandEntries(list(), issues, q, (key) => navigate(`/issue/${key}`));
  }, [query, palette.pick, list, version, issues, navigate]);

  if (!palette.open) return null;
  // A picker starts on the current value (Enter keeps it); the palette on its first safe entry.
  const currentIndex = palette.pick && !query ? entries.findIndex((e) => e.id === palette.pick?.current) : -1;
  const active = cursor ?? (currentIndex >= 0 ? currentIndex : defaultChoice(entries));
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
      setCursor(Math.min(entries.length - 1, active + 1));
    } else if (e.key === 'ArrowUp' || (e.ctrlKey && e.key === 'p')) {
      e.preventDefault();
      setCursor(Math.max(0, active - 1));
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
            setCursor(null);
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
              className={`palette-item${i === active ? ' active' : ''}${palette.pick?.current === e.id || e.checked ? ' current' : ''}${e.danger ? ' danger' : ''}`}
              data-current={palette.pick?.current === e.id || e.checked ? 'true' : undefined}
              onMouseMove={() => setCursor(i)}
              // Keyboard choice goes through the combobox input (Enter); the pointer needs a click.
              onClick={() => run(i)}
              onKeyDown={(k) => {
                if (k.key !== 'Enter') return;
                k.stopPropagation();
                run(i);
              }}
            >
              {e.icon}
              <span className="palette-label">
                {e.label}
                {(palette.pick?.current === e.id || e.checked) && <span className="sr-only"> (current)</span>}
              </span>
              {e.hint && <span className="palette-hint">{e.hint}</span>}
              {e.shortcut && <ShortcutKeys className="palette-keys" shortcut={e.shortcut} />}
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
                      <ShortcutKeys shortcut={a.shortcut!} />
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
