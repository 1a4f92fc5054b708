import {
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  type Webhook,
  type WebhookDelivery,
} from '@closeloop/shared/api/webhooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { relativeTime } from '../lib/format.ts';

const FORMAT_LABELS: Record<string, string> = {
  json: 'JSON (signed event)',
  slack: 'Slack',
  mattermost: 'Mattermost',
  teams: 'Microsoft Teams (Workflows)',
};

/** Outbound webhooks: add, enable, rotate the secret, and read the delivery log with redelivery. */
export function WebhooksTab() {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({ queryKey: ['webhooks'], queryFn: () => api<{ items: Webhook[] }>('/webhooks') });
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['webhooks'] });
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      await refresh();
      toast(done, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  if (q.isError) return <ErrorState error={q.error} />;
  if (!q.data) return <Spinner />;
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="faint">
        Changes are sent as signed HTTP requests (<code>Closeloop-Signature</code>, HMAC-SHA256), retried with
        backoff; an endpoint whose delivery fails every attempt is disabled.
      </p>
      {secret && (
        <div className="alert alert-info" role="status">
          <strong>Signing secret of {secret.name}: copy it now, it is shown only once.</strong>
          <div className="secret" data-testid="webhook-secret">
            {secret.secret}
          </div>
          <button type="button" className="btn btn-sm" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      {q.data.items.length === 0 ? (
        <EmptyState title="No webhooks yet" />
      ) : (
        <table className="table" aria-label="Webhooks">
          <thead>
            <tr>
              <th>Name</th>
              <th>Target</th>
              <th>Events</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((w) => (
              <WebhookRow
                key={w.id}
                hook={w}
                open={open === w.id}
                onToggleLog={() => setOpen(open === w.id ? null : w.id)}
                onEnable={(enabled) =>
                  act(
                    () => api(`/webhooks/${w.id}`, { method: 'PATCH', body: { enabled } }),
                    enabled ? `${w.name} enabled` : `${w.name} disabled`,
                  )
                }
                onRotate={() =>
                  act(async () => {
                    const r = await api<Webhook>(`/webhooks/${w.id}/rotate-secret`, { method: 'POST' });
                    setSecret({ name: w.name, secret: r.secret ?? '' });
                  }, 'New secret made; the old one stays valid for 24 hours')
                }
                onDelete={() =>
                  act(() => api(`/webhooks/${w.id}`, { method: 'DELETE' }), `${w.name} removed`)
                }
              />
            ))}
          </tbody>
        </table>
      )}
      {open !== null && <DeliveryLog webhookId={open} />}
      <NewWebhook
        onCreated={(w) => {
          setSecret({ name: w.name, secret: w.secret ?? '' });
          void refresh();
        }}
      />
    </section>
  );
}

function WebhookRow(props: {
  hook: Webhook;
  open: boolean;
  onToggleLog(): void;
  onEnable(enabled: boolean): void;
  onRotate(): void;
  onDelete(): void;
}) {
  const w = props.hook;
  return (
    <tr data-testid={`webhook-${w.id}`}>
      <td>
        <strong>{w.name}</strong>
        <div className="faint">{w.projectKey ? `Project ${w.projectKey}` : 'All projects'}</div>
      </td>
      <td>
        <code>{w.url}</code>
        <div className="faint">{FORMAT_LABELS[w.format]}</div>
      </td>
      <td>{w.events.join(', ')}</td>
      <td>
        {w.enabled ? 'Enabled' : <strong>Disabled</strong>}
        {w.disabledReason && <div className="faint">{w.disabledReason}</div>}
      </td>
      <td className="row-actions">
        <button type="button" className="btn btn-sm" aria-expanded={props.open} onClick={props.onToggleLog}>
          Deliveries
        </button>
        <button type="button" className="btn btn-sm" onClick={() => props.onEnable(!w.enabled)}>
          {w.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="btn btn-sm" onClick={props.onRotate}>
          Rotate secret
        </button>
        <button type="button" className="btn btn-sm" onClick={props.onDelete}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function DeliveryLog({ webhookId }: { webhookId: number }) {
  const toast = useToast();
  const q = useQuery({
    queryKey: ['webhook-deliveries', webhookId],
    queryFn: () => api<{ items: WebhookDelivery[] }>(`/webhooks/${webhookId}/deliveries`),
    refetchInterval: 3000,
  });
  const [detail, setDetail] = useState<number | null>(null);
  if (q.isError) return <ErrorState error={q.error} />;
  if (!q.data) return <Spinner />;
  const redeliver = async (id: number) => {
    try {
      await api(`/webhooks/${webhookId}/deliveries/${id}/redeliver`, { method: 'POST' });
      await q.refetch();
      toast('Queued again', 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return (
    <>
      <h3>Delivery log</h3>
      {q.data.items.length === 0 ? (
        <EmptyState title="Nothing delivered yet" />
      ) : (
        <table className="table" aria-label="Delivery log">
          <thead>
            <tr>
              <th>Event</th>
              <th>Issue</th>
              <th>State</th>
              <th>Attempts</th>
              <th>Response</th>
              <th>When</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((d) => (
              <DeliveryRow
                key={d.id}
                d={d}
                open={detail === d.id}
                onToggle={() => setDetail(detail === d.id ? null : d.id)}
                onRedeliver={() => void redeliver(d.id)}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function DeliveryRow(props: { d: WebhookDelivery; open: boolean; onToggle(): void; onRedeliver(): void }) {
  const d = props.d;
  return (
    <>
      <tr data-testid={`delivery-${d.id}`}>
        <td>{d.eventType}</td>
        <td>{d.issueKey}</td>
        <td data-state={d.state}>{d.state}</td>
        <td>{d.attempts}</td>
        <td>{d.responseStatus ?? d.error ?? '—'}</td>
        <td>{relativeTime(d.lastAttemptAt ?? d.createdAt)}</td>
        <td className="row-actions">
          <button type="button" className="btn btn-sm" aria-expanded={props.open} onClick={props.onToggle}>
            Details
          </button>
          <button type="button" className="btn btn-sm" onClick={props.onRedeliver}>
            Redeliver
          </button>
        </td>
      </tr>
      {props.open && (
        <tr>
          <td colSpan={7}>
            <h4>Request</h4>
            <pre className="mono">
              {Object.entries(d.requestHeaders ?? {})
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}
              {'\n\n'}
              {d.requestBody}
            </pre>
            <h4>Response {d.responseStatus ?? ''}</h4>
            <pre className="mono">{d.responseBody ?? d.error ?? 'No answer yet'}</pre>
          </td>
        </tr>
      )}
    </>
  );
}

function NewWebhook({ onCreated }: { onCreated(w: Webhook): void }) {
  const { key } = useCurrentProject();
  const toast = useToast();
  const [events, setEvents] = useState<string[]>(['issue.created', 'issue.updated']);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    try {
      const w = await api<Webhook>('/webhooks', {
        method: 'POST',
        body: {
          name: f.get('name'),
          url: f.get('url'),
          format: f.get('format'),
          events,
          projectKey: f.get('scope') === 'project' ? key : null,
        },
      });
      form.reset();
      onCreated(w);
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  return (
    <form className="stack-form" onSubmit={(e) => void submit(e)} aria-label="New webhook">
      <h3>Add a webhook</h3>
      <label className="field">
        <span>Name</span>
        <input className="input" name="name" required maxLength={100} />
      </label>
      <label className="field">
        <span>URL</span>
        <input className="input" name="url" type="url" required placeholder="https://" />
      </label>
      <label className="field">
        <span>Format</span>
        <select className="input" name="format" defaultValue="json" aria-label="Format">
          {WEBHOOK_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
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
          Add webhook
        </button>
      </div>
    </form>
  );
}
