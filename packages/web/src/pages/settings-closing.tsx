import type { ProjectResolution } from '@closeloop/shared/api/resolutions';
import { PINNED_RESOLUTIONS } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useResolutions } from '../lib/resolutions.ts';
import { useEditorWrite } from './settings-form.ts';
import { LessonsRuleEditor } from './settings-lessons-rule.tsx';

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
  const { error, run } = useEditorWrite(() => qc.invalidateQueries({ queryKey: ['resolutions', key] }));
  const path = `/projects/${key}/resolutions`;
  return (
    <section aria-labelledby="closing-title">
      <div className="section-title">
        <h2 id="closing-title">Resolutions</h2>
        <ProjectPicker current={current} />
      </div>
      <p className="muted">
        Closing offers the active resolutions. A retired one is no longer offered; issues closed with it keep
        it.
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          const body = { key: f.get('key'), name: f.get('name') };
          void run(() => api(path, { method: 'POST', body }).then(() => form.reset()), 'Resolution added');
        }}
      >
        <label className="field">
          <span>Key</span>
          <input className="input mono" name="key" required placeholder="works_as_designed" />
        </label>
        <label className="field">
          <span>Name</span>
          <input className="input" name="name" required placeholder="Works as designed" />
        </label>
        <button className="btn btn-primary" type="submit">
          Add resolution
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <table className="table" aria-label="Resolutions">
        <tbody>
          {list.map((r) => (
            <ResolutionRow
              key={`${r.key}:${r.name}`}
              resolution={r}
              onChange={(body, done) =>
                void run(() => api(`${path}/${r.key}`, { method: 'PATCH', body }), `${done}`)
              }
              onDelete={() => {
                if (confirm(`Delete the resolution ${r.name}?`))
                  void run(() => api(`${path}/${r.key}`, { method: 'DELETE' }), `${r.name} deleted`);
              }}
            />
          ))}
        </tbody>
      </table>
      <LessonsRuleEditor projectKey={key ?? undefined} />
    </section>
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
