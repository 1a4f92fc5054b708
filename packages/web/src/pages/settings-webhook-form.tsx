import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type Webhook } from '@closeloop/shared/api/webhooks';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { useCurrentProject } from '../lib/current-project.ts';

export const FORMAT_LABELS: Record<string, string> = {
  json: 'JSON (signed event)',
  slack: 'Slack',
  mattermost: 'Mattermost',
  teams: 'Microsoft Teams (Workflows)',
};

/**
 * Adds a webhook, or edits one (`initial`: name, URL, format and events; its scope stays). The
 * inputs are uncontrolled, so the caller remounts the form (a new `key`) to load another webhook.
 */
export function WebhookForm(props: { initial?: Webhook; onSaved(w: Webhook): void; onCancel?: () => void }) {
  const { initial } = props;
  const { key } = useCurrentProject();
  const toast = useToast();
  const [events, setEvents] = useState<string[]>(initial?.events ?? ['issue.created', 'issue.updated']);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const fields = { name: f.get('name'), url: f.get('url'), format: f.get('format'), events };
    try {
      const w = initial
        ? await api<Webhook>(`/webhooks/${initial.id}`, { method: 'PATCH', body: fields })
        : await api<Webhook>('/webhooks', {
            method: 'POST',
            body: { ...fields, projectKey: f.get('scope') === 'project' ? key : null },
          });
      if (!initial) form.reset();
      props.onSaved(w);
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  return (
    <form
      className="stack-form"
      onSubmit={(e) => void submit(e)}
      aria-label={initial ? `Edit webhook ${initial.name}` : 'New webhook'}
    >
      <h3>{initial ? `Edit “${initial.name}”` : 'Add a webhook'}</h3>
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" required maxLength={100} defaultValue={initial?.name} />
      </label>
      <label className="field">
        <span>URL</span>
        <input
          className="input"
          name="url"
          type="url"
          required
          placeholder="https://"
          defaultValue={initial?.url}
        />
      </label>
      <label className="field">
        <span>Format</span>
        <select className="input" name="format" defaultValue={initial?.format ?? 'json'} aria-label="Format">
          {WEBHOOK_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      {!initial && (
        <label className="field">
          <span>Projects it sends for</span>
          <select
            className="input"
            name="scope"
            defaultValue={key ? 'project' : 'workspace'}
            aria-label="Projects it sends for"
          >
            {key && <option value="project">Project {key}</option>}
            <option value="workspace">All projects</option>
          </select>
        </label>
      )}
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev} className="check">
            <input
              type="checkbox"
              className="checkbox"
              checked={events.includes(ev)}
              onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
            />{' '}
            {ev}
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" className="btn btn-primary" disabled={events.length === 0}>
          {initial ? 'Save webhook' : 'Add webhook'}
        </button>{' '}
        {props.onCancel && (
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
