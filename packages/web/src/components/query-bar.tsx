import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import { QueryError as CoreQueryError } from '@closeloop/core/query/query-error';
import { DEFAULT_ISSUE_TYPES, PRIORITIES } from '@closeloop/shared/issue-fields';
import { useMemo, useRef, useState } from 'react';
import { useProjects } from '../api/hooks.ts';
import { useDirectory } from '../lib/directory.ts';
import { QUALIFIERS, tokenAt } from '../lib/query.ts';

type Suggestion = { insert: string; label: string; hint?: string };

/**
 * The query bar: GitHub/Linear-style qualifiers with completion of qualifier names and values
 * (statuses, people, teams, labels, types). Enter runs the query; Tab or Enter on a suggestion completes it.
 */
export function QueryBar({
  value,
  onChange,
  onSubmit,
  statuses,
  inputRef,
}: {
  value: string;
  onChange: (v: string) => void;
  onSubmit: (v: string) => void;
  statuses: { key: string; name: string }[];
  inputRef?: React.RefObject<HTMLInputElement | null>;
}) {
  const dir = useDirectory();
  const projects = useProjects();
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const localRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? localRef;

  const tok = tokenAt(value, caret);
  // Checked as it is typed by the server's own parser and binder (core/query): the message and
  // position are the ones a submitted query would get back as a 400.
  const problem = useMemo(() => checkQuery(value), [value]);
  const suggestions: Suggestion[] = useMemo(() => {
    const v = tok.value.toLowerCase();
    const values = (k: string): Suggestion[] => {
      switch (k) {
        case 'status':
          return [
            { insert: 'open', label: 'open', hint: 'not done or cancelled' },
            { insert: 'closed', label: 'closed' },
            ...statuses.map((s) => ({ insert: s.key, label: s.key, hint: s.name })),
          ];
        case 'priority':
          return [...PRIORITIES]
            .reverse()
            .flatMap((p) => [
              { insert: p, label: p },
              ...(p === 'high' ? [{ insert: '>=high', label: '>=high', hint: 'high or urgent' }] : []),
            ]);
        case 'assignee':
          return [
            { insert: '@me', label: '@me', hint: 'you' },
            { insert: 'none', label: 'none', hint: 'unassigned' },
            ...dir.members.map((m) => ({
              insert: m.email.split('@')[0]!,
              label: m.email.split('@')[0]!,
              hint: m.name,
            })),
          ];
        case 'team':
          return dir.teams.map((t) => ({ insert: t.key, label: t.key, hint: t.name }));
        case 'label':
          return dir.labels.map((l) => ({
            insert: l.name.includes(' ') ? `"${l.name}"` : l.name,
            label: l.name,
          }));
        case 'type':
          return DEFAULT_ISSUE_TYPES.map((t) => ({ insert: t, label: t }));
        case 'project':
          return (projects.data ?? []).map((p) => ({ insert: p.key, label: p.key, hint: p.name }));
        case 'kind':
          return ['manual', 'error', 'network', 'frustration', 'performance'].map((k) => ({
            insert: k,
            label: k,
          }));
        case 'sort':
          return ['priority-desc', 'updated-desc', 'created-desc', 'due-asc'].map((s) => ({
            insert: s,
            label: s,
          }));
        default:
          return [];
      }
    };
    if (tok.key === null) {
      if (!v) return [];
      return QUALIFIERS.filter((q) => q.key.startsWith(v)).map((q) => ({
        insert: `${q.key}:`,
        label: `${q.key}:`,
        hint: q.hint,
      }));
    }
    const last = v.split(',').pop() ?? '';
    return values(tok.key)
      .filter((s) => s.label.toLowerCase().startsWith(last) && s.label.toLowerCase() !== last)
      .slice(0, 12);
  }, [tok.key, tok.value, statuses, dir, projects.data]);

  const complete = (s: Suggestion) => {
    const prefix = tok.negated ? '-' : '';
    let replacement: string;
    if (tok.key === null) replacement = `${prefix}${s.insert}`;
    else {
      const parts = tok.value.split(',');
      parts[parts.length - 1] = s.insert;
      replacement = `${prefix}${tok.key}:${parts.join(',')} `;
    }
    const next = value.slice(0, tok.start) + replacement + value.slice(tok.end);
    const pos = tok.start + replacement.length;
    onChange(next);
    setActive(0);
    requestAnimationFrame(() => {
      ref.current?.setSelectionRange(pos, pos);
      setCaret(pos);
    });
  };

  const show = open && suggestions.length > 0;
  return (
    <div className="querybar">
      <svg className="querybar-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M10.5 10.5L14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <input
        ref={ref}
        className="input"
        aria-label="Filter issues (query)"
        placeholder="Filter: status:open priority:>=high assignee:@me label:checkout text…"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={show}
        aria-controls="query-suggest"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'query-check' : undefined}
        spellCheck={false}
        onChange={(e) => {
          onChange(e.target.value);
          setCaret(e.target.selectionStart ?? e.target.value.length);
          setOpen(true);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onKeyDown={(e) => {
          if (show && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
            e.preventDefault();
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
          } else if (show && (e.key === 'Tab' || e.key === 'Enter') && suggestions[active]) {
            e.preventDefault();
            complete(suggestions[active]!);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            setOpen(false);
            onSubmit(value);
          } else if (e.key === 'Escape') {
            if (show) setOpen(false);
            else e.currentTarget.blur();
          }
        }}
      />
      {problem && !show && (
        <div id="query-check" className="query-check" role="status">
          {problem.message} (column {problem.position + 1})
        </div>
      )}
      {show && (
        <div id="query-suggest" className="suggest" role="listbox" aria-label="Suggestions">
          {suggestions.map((s, i) => (
            <div
              key={s.insert + s.label}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                complete(s);
              }}
            >
              <span className="mono">{s.label}</span>
              {s.hint && <span className="hint">{s.hint}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** The first problem the query language finds in `text`, or null when it would be accepted. */
function checkQuery(text: string): { message: string; position: number } | null {
  if (!text.trim()) return null;
  try {
    const parsed = parseQuery(text);
    if (parsed.where) bindQuery(parsed.where, Date.now());
    return null;
  } catch (e) {
    if (e instanceof CoreQueryError) return { message: e.message, position: e.details.position };
    return null;
  }
}
