import type { Issue } from '@closeloop/shared/api/issues';
import { LINK_TYPES } from '@closeloop/shared/relation-fields';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { itemsOf, useOptional } from '../api/hooks.ts';
import { useToast } from '../components/toasts.tsx';
import { StatusIcon } from '../components/ui.tsx';
import { humanize } from '../lib/format.ts';

type LinkRow = {
  id?: number;
  type: string;
  issue?: Pick<Issue, 'key' | 'title' | 'statusCategory'>;
  key?: string;
  title?: string;
  statusCategory?: string;
};
type Child = Pick<Issue, 'key' | 'title' | 'statusCategory'>;

/**
 * Links, sub-issues and milestone of an issue. These routes are landing in parallel (issue 3);
 * each block appears once the server answers for it.
 */
export function IssueRelations({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const links = useOptional<LinkRow[] | { items: LinkRow[] }>(
    ['links', issue.key],
    `/issues/${issue.key}/links`,
  );
  const children = useOptional<Child[] | { items: Child[] }>(
    ['children', issue.key],
    `/issues/${issue.key}/children`,
  );
  const [type, setType] = useState<string>('relates_to');
  const [target, setTarget] = useState('');
  const linkList = itemsOf(links.data);
  const childList = itemsOf(children.data);
  if (links.data === null && children.data === null) return null;
  return (
    <section aria-label="Links and sub-issues" style={{ marginTop: 24 }}>
      {childList.length > 0 && (
        <>
          <h2 style={{ fontSize: 14, marginBottom: 6 }}>
            Sub-issues{' '}
            <span className="muted">
              {childList.filter((c) => c.statusCategory === 'done').length}/{childList.length} done
            </span>
          </h2>
          <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 16px' }}>
            {childList.map((c) => (
              <li key={c.key} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '4px 0' }}>
                <StatusIcon category={c.statusCategory} />
                <Link to={`/issue/${c.key}`}>{c.key}</Link> {c.title}
              </li>
            ))}
          </ul>
        </>
      )}
      {links.data !== null && (
        <>
          <h2 style={{ fontSize: 14, marginBottom: 6 }}>Links</h2>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {linkList.map((l, i) => {
              const other = l.issue ?? {
                key: l.key ?? '',
                title: l.title ?? '',
                statusCategory: (l.statusCategory ?? 'todo') as Issue['statusCategory'],
              };
              return (
                <li
                  key={l.id ?? i}
                  style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '4px 0' }}
                >
                  <span className="muted" style={{ width: 110 }}>
                    {humanize(l.type)}
                  </span>
                  <StatusIcon category={other.statusCategory} />
                  <Link to={`/issue/${other.key}`}>{other.key}</Link>
                  <span>{other.title}</span>
                </li>
              );
            })}
          </ul>
          <form
            className="inline-form"
            onSubmit={async (e) => {
              e.preventDefault();
              try {
                await api(`/issues/${issue.key}/links`, {
                  method: 'POST',
                  body: { type, target: target.trim().toUpperCase() },
                });
                setTarget('');
                qc.invalidateQueries({ queryKey: ['links', issue.key] });
              } catch (err) {
                toast(errorText(err), 'error');
              }
            }}
          >
            <select
              className="select-inline"
              aria-label="Link type"
              value={type}
              onChange={(e) => setType(e.target.value)}
            >
              {LINK_TYPES.map((t) => (
                <option key={t} value={t}>
                  {humanize(t)}
                </option>
              ))}
            </select>
            <input
              className="input"
              style={{ width: 140, height: 28 }}
              aria-label="Issue key to link"
              placeholder="SHOP-12"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
            <button className="btn btn-sm" type="submit" disabled={!target.trim()}>
              Link
            </button>
          </form>
        </>
      )}
    </section>
  );
}
