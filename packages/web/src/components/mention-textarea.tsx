import { useMemo, useRef, useState } from 'react';
import { useDirectory } from '../lib/directory.ts';

/**
 * A Markdown textarea with @mention completion of members (email local part, as the server
 * resolves handles) and teams (their key).
 */
export function MentionTextarea(props: {
  value: string;
  onChange: (v: string) => void;
  onSubmit?: () => void;
  label: string;
  placeholder?: string;
  className?: string;
  autoFocus?: boolean;
}) {
  const dir = useDirectory();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const m = /(^|[\s(])@([\w.+-]*)$/.exec(props.value.slice(0, caret));
  const prefix = m?.[2]?.toLowerCase() ?? null;
  const options = useMemo(() => {
    if (prefix === null) return [];
    const people = dir.members.map((p) => ({
      handle: p.email.split('@')[0]!,
      label: p.name,
      hint: 'person',
    }));
    const teams = dir.teams.map((t) => ({ handle: t.key, label: t.name, hint: 'team' }));
    return [...people, ...teams]
      .filter((o) => o.handle.toLowerCase().startsWith(prefix) || o.label.toLowerCase().startsWith(prefix))
      .slice(0, 8);
  }, [prefix, dir.members, dir.teams]);
  const open = options.length > 0 && !dismissed;

  const insert = (handle: string) => {
    const start = caret - (prefix?.length ?? 0);
    const next = `${props.value.slice(0, start)}${handle} ${props.value.slice(caret)}`;
    props.onChange(next);
    const pos = start + handle.length + 1;
    requestAnimationFrame(() => {
      ref.current?.setSelectionRange(pos, pos);
      setCaret(pos);
    });
  };
  return (
    <div style={{ position: 'relative' }}>
      <textarea
        ref={ref}
        className={props.className ?? 'textarea'}
        aria-label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        // biome-ignore lint/a11y/noAutofocus: opened on purpose by the user
        autoFocus={props.autoFocus}
        role="combobox"
        aria-expanded={open}
        aria-autocomplete="list"
        aria-controls="mention-list"
        onChange={(e) => {
          props.onChange(e.target.value);
          setCaret(e.target.selectionStart);
          setActive(0);
          setDismissed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (open && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
          } else if (open && (e.key === 'Enter' || e.key === 'Tab')) {
            e.preventDefault();
            insert(options[active]!.handle);
          } else if (open && e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            setDismissed(true);
          } else if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            props.onSubmit?.();
          }
        }}
      />
      {open && (
        <div
          id="mention-list"
          className="suggest"
          role="listbox"
          aria-label="People and teams"
          style={{ top: 'auto', bottom: '100%' }}
        >
          {options.map((o, i) => (
            <div
              key={o.hint + o.handle}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(o.handle);
              }}
            >
              <span>{o.label}</span>
              <span className="hint">
                @{o.handle} · {o.hint}
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
