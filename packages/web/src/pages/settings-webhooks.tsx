import type { Webhook, WebhookDelivery } from '@closeloop/shared/api/webhooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { relativeTime } from '../lib/format.ts';

import { FORMAT_LABELS, WebhookForm } from './settings-webhook-form.tsx';

/** Outbound webhooks: add, enable, rotate the secret, and read the delivery log with redelivery. */
export function WebhooksTab() {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({ queryKey: ['webhooks'], queryFn: () => api<{ items: Webhook[] }>('/webhooks') });
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const edited = q.data?.items.find((w) => w.id === editing);
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
                onEdit={() => setEditing(editing === w.id ? null : w.id)}
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
      {edited ? (
        <WebhookForm
          key={`edit-${edited.id}`}
          initial={edited}
          onCancel={() => setEditing(null)}
          onSaved={(w) => {
            toast(`${w.name} saved`, 'success');
            setEditing(null);
            void refresh();
          }}
        />
      ) : (
        <WebhookForm
          key="new"
          onSaved={(w) => {
            setSecret({ name: w.name, secret: w.secret ?? '' });
            void refresh();
          }}
        />
      )}
    </section>
  );
}

function WebhookRow(props: {
  hook: Webhook;
  open: boolean;
  onToggleLog(): void;
  onEdit(): void;
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
        <button type="button" className="btn btn-sm" onClick={props.onEdit}>
          Edit
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

/** A JSON body indented for reading (the bytes sent are the compact form the signature covers). */
function readableBody(body: string | null): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
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
            <pre className="mono delivery-text">
              {Object.entries(d.requestHeaders ?? {})
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}
              {'\n\n'}
              {readableBody(d.requestBody)}
            </pre>
            <h4>Response {d.responseStatus ?? ''}</h4>
            <pre className="mono delivery-text">{d.responseBody ?? d.error ?? 'No answer yet'}</pre>
          </td>
        </tr>
      )}
    </>
  );
}
