import type { ProjectResolution } from '@closeloop/shared/api/resolutions';
import { PINNED_RESOLUTIONS } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useCurrentProject } from '../lib/current-project.ts';
import { useResolutions } from '../lib/resolutions.ts';
import { useEditorWrite } from './settings-form.ts';
import { LessonsRuleEditor } from './settings-lessons-rule.tsx';
import { confirmDelete, SettingsList } from './settings-list.tsx';

const pinned = (key: string) => (PINNED_RESOLUTIONS as readonly string[]).includes(key);

/**
 * Closing of a project (admins): its resolutions (add its own, rename, retire or bring back; fixed
 * and duplicate are always offered) and the lessons rule.
 */
export function ClosingSettings() {
  const current = useCurrentProject();
  const { key } = current;
  const list = useResolutions(key ?? undefined);
  const qc = useQueryClient();
  const write = useEditorWrite(() => qc.invalidateQueries({ queryKey: ['resolutions', key] }));
  const path = `/projects/${key}/resolutions`;
  return (
    <SettingsList
      id="closing-title"
      title="Resolutions"
      project={current}
      intro={
        <p className="muted">
          Closing offers the active resolutions. A retired one is no longer offered; issues closed with it
          keep it.
        </p>
      }
      write={write}
      add={{
        fields: (
          <>
            <label className="field">
              <span>Key</span>
              <input className="input mono" name="key" required placeholder="works_as_designed" />
            </label>
            <label className="field">
              <span>Name</span>
              <input className="input" name="name" required placeholder="Works as designed" />
            </label>
          </>
        ),
        submit: 'Add resolution',
        done: 'Resolution added',
        create: (f) => api(path, { method: 'POST', body: { key: f.get('key'), name: f.get('name') } }),
      }}
      items={list}
      itemKey={(r) => `${r.key}:${r.name}`}
      row={(r) => (
        <ResolutionRow
          resolution={r}
          onChange={(body, done) =>
            void write.run(() => api(`${path}/${r.key}`, { method: 'PATCH', body }), done)
          }
          onDelete={() =>
            confirmDelete(write, 'resolution', r.name, () => api(`${path}/${r.key}`, { method: 'DELETE' }))
          }
        />
      )}
    >
      <LessonsRuleEditor projectKey={key ?? undefined} />
    </SettingsList>
  );
}

function ResolutionRow(props: {
  resolution: ProjectResolution;
  onChange: (b: { name?: string; retired?: boolean }, done: string) => void;
  onDelete: () => void;
}) {
  const r = props.resolution;
  const [name, setName] = useState(r.name);
  return (
    <tr className={r.retired ? 'muted' : undefined}>
      <td className="mono muted">{r.key}</td>
      <td>
        <input
          className="input"
          aria-label={`Name of resolution ${r.key}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </td>
      <td className="muted">
        {r.builtIn ? 'built in' : 'own'}
        {r.retired ? ' · retired' : ''}
      </td>
      <td>
        <button
          type="button"
          className="btn btn-sm"
          disabled={name.trim() === r.name || !name.trim()}
          onClick={() => props.onChange({ name: name.trim() }, `${name.trim()} saved`)}
        >
          Save
        </button>{' '}
        {pinned(r.key) ? (
          <span className="muted">always offered</span>
        ) : (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={`${r.retired ? 'Bring back' : 'Retire'} ${r.name}`}
            onClick={() =>
              props.onChange({ retired: !r.retired }, `${r.name} ${r.retired ? 'brought back' : 'retired'}`)
            }
          >
            {r.retired ? 'Bring back' : 'Retire'}
          </button>
        )}{' '}
        {!r.builtIn && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-label={`Delete resolution ${r.name}`}
            onClick={props.onDelete}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
