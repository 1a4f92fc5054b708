import type { IngestKey } from '@closeloop/shared/api/ingest';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { useMe, useProject } from '../api/hooks.ts';
import { TopBar } from '../components/layout.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { relativeTime } from '../lib/format.ts';
import { DeadEventsSection } from './dead-events.tsx';
import './monitoring/monitoring.css';
import { MailIntakeSetup } from './mail-intake-setup.tsx';
import { ReportFormSetup } from './report-form-setup.tsx';
import { RepositoryHookSetup } from './repository-hook-setup.tsx';

const ADMIN_ROLES = new Set(['admin', 'owner']);

/** `/setup`: the setup page of the current project. */
export function SetupRedirect() {
  const { key, loading } = useCurrentProject();
  if (loading) return <Spinner label="Loading projects" />;
  if (!key) return <EmptyState title="No project yet">Create a project first.</EmptyState>;
  return <Navigate to={`/projects/${key}/setup`} replace />;
}

/**
 * `/projects/:key/setup`: the project's ingest keys (DSNs, allowed origins, create and revoke
 * for admins), events grouping set aside (admins: dead-events.tsx) and copy-paste snippets for the
 * browser SDK, the Node SDK and Sentry SDKs.
 */
export function ProjectSetupPage() {
  const { key = '' } = useParams();
  const projectKey = key.toUpperCase();
  const project = useProject(projectKey);
  const me = useMe();
  const keys = useQuery({
    queryKey: ['ingest-keys', projectKey],
    queryFn: () => api<IngestKey[]>(`/projects/${projectKey}/ingest-keys`),
  });
  const isAdmin = ADMIN_ROLES.has(me.data?.role ?? '');
  const active = (keys.data ?? []).filter((k) => !k.revokedAt);
  const dsn = active[0] ? browserDsn(active[0].dsn) : 'http://<public key>@<closeloop host>/<project id>';
  return (
    <>
      <TopBar title={`${project.data?.name ?? projectKey} · Setup`}>
        <Link className="btn btn-sm" to={`/issues?project=${projectKey}`}>
          Monitored issues
        </Link>
      </TopBar>
      <div className="page">
        <div className="page-pad setup-page">
          <p className="muted">
            Send errors, failed requests, slow loads and rage clicks from your app to{' '}
            <strong>{projectKey}</strong>. Events are grouped into issues automatically. An ingest key can
            only write events to this project.
          </p>
          <div className="section-title">
            <h2 style={{ fontSize: 15, margin: 0 }}>Ingest keys</h2>
          </div>
          {keys.isLoading && <Spinner label="Loading ingest keys" />}
          {keys.error && <ErrorState error={keys.error} retry={() => keys.refetch()} />}
          {keys.data?.length === 0 && (
            <EmptyState title="No ingest key yet">
              {isAdmin ? 'Create one below to get a DSN.' : 'Ask an admin of the workspace to create one.'}
            </EmptyState>
          )}
          {keys.data?.map((k) => (
            <KeyCard key={k.id} k={k} isAdmin={isAdmin} projectKey={projectKey} />
          ))}
          {isAdmin && <CreateKey projectKey={projectKey} />}
          {isAdmin && <DeadEventsSection projectKey={projectKey} />}
          {isAdmin && <RepositoryHookSetup projectKey={projectKey} />}
          {isAdmin && <ReportFormSetup projectKey={projectKey} />}
          {isAdmin && <MailIntakeSetup projectKey={projectKey} />}

          <h2 style={{ fontSize: 15, marginTop: 28 }}>Install the browser SDK</h2>
          <p className="muted">
            Script tag: host <code>dist/closeloop.iife.js</code> of the <code>@closeloop/sdk-browser</code>{' '}
            package with your assets and load it first.
          </p>
          <Snippet
            testId="snippet-script"
            code={`<script src="/assets/closeloop.iife.js"></script>
<script>
  Closeloop.init({
    dsn: '${dsn}',
    release: 'my-shop@1.0.0',
    environment: 'production',
  });
</script>`}
          />
          <p className="muted">
            Bundlers and ES modules: <code>npm install @closeloop/sdk-browser</code>, then
          </p>
          <Snippet
            testId="snippet-esm"
            code={`import * as Closeloop from '@closeloop/sdk-browser';

Closeloop.init({
  dsn: '${dsn}',
  release: import.meta.env.VITE_RELEASE,
  environment: import.meta.env.MODE,
  user: { id: currentUser.id },       // optional: counts affected users
  integrations: { consoleErrors: false }, // optional: turn single captures off
});`}
          />
          <h2 style={{ fontSize: 15 }}>Node SDK</h2>
          <p className="muted">
            <code>npm install @closeloop/sdk-node</code>, then
          </p>
          <Snippet
            testId="snippet-node"
            code={`import { captureException, init } from '@closeloop/sdk-node';

// Uncaught exceptions and unhandled rejections are reported and flushed before exit.
const closeloop = init({
  dsn: '${dsn}',
  release: 'api@1.0.0',
  environment: 'production',
});
// or set CLOSELOOP_DSN (CLOSELOOP_RELEASE, CLOSELOOP_ENVIRONMENT) and call init().

try {
  await chargeCard(order);
} catch (err) {
  captureException(err); // or closeloop.captureException(err)
  throw err;
}`}
          />
          <h2 style={{ fontSize: 15 }}>Already using Sentry?</h2>
          <p className="muted">
            The same DSN works with Sentry's SDKs: change the DSN and nothing else (see
            docs/sentry-compat.md).
          </p>
          <Snippet
            testId="snippet-sentry"
            code={`import * as Sentry from '@sentry/browser';

Sentry.init({ dsn: '${dsn}', release: 'my-shop@1.0.0' });`}
          />
        </div>
      </div>
    </>
  );
}

/**
 * The server builds DSNs from its PUBLIC_URL; when the app is reached on another address (PUBLIC_URL
 * unset, a proxy), the address in this browser's bar is the one that works from here.
 */
function browserDsn(dsn: string): string {
  try {
    const u = new URL(dsn);
    if (u.host === location.host) return dsn;
    if (u.hostname === 'localhost' && (u.port === '0' || location.hostname !== 'localhost')) {
      return `${location.protocol}//${u.username}@${location.host}${u.pathname}`;
    }
    return dsn;
  } catch {
    return dsn;
  }
}

function CopyButton({ text }: { text: string }) {
  const toast = useToast();
  return (
    <button
      type="button"
      className="btn btn-sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          toast('Copied', 'success');
        } catch {
          toast('Copy failed: select the text and copy it by hand', 'error');
        }
      }}
    >
      Copy
    </button>
  );
}

function Snippet({ code, testId }: { code: string; testId: string }) {
  return (
    <div className="snippet">
      <pre data-testid={testId}>{code}</pre>
      <CopyButton text={code} />
    </div>
  );
}

function KeyCard({ k, isAdmin, projectKey }: { k: IngestKey; isAdmin: boolean; projectKey: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [origins, setOrigins] = useState(k.allowedOrigins.join(', '));
  const dsn = browserDsn(k.dsn);
  const patch = async (body: Record<string, unknown>, done: string) => {
    try {
      await api(`/projects/${projectKey}/ingest-keys/${k.id}`, { method: 'PATCH', body });
      await qc.invalidateQueries({ queryKey: ['ingest-keys', projectKey] });
      toast(done, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return (
    <div className={`setup-key${k.revokedAt ? ' revoked' : ''}`} data-testid="ingest-key">
      <div className="setup-key-head">
        <strong>{k.name}</strong>
        {k.revokedAt ? (
          <span className="chip">revoked {relativeTime(k.revokedAt)}</span>
        ) : (
          <span className="chip">
            <span className="chip-dot" style={{ background: 'var(--success)' }} />
            active
          </span>
        )}
        <span className="faint">
          created {relativeTime(k.createdAt)} · {k.rateLimitPerMinute.toLocaleString()} events/min
        </span>
        <span style={{ flex: 1 }} />
        {isAdmin && !k.revokedAt && (
          <button
            type="button"
            className="btn btn-sm btn-danger"
            onClick={() => {
              if (confirm(`Revoke "${k.name}"? Apps using its DSN stop reporting at once.`))
                void patch({ revoked: true }, 'Key revoked');
            }}
          >
            Revoke
          </button>
        )}
      </div>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <div className="secret" style={{ flex: 1 }} data-testid="dsn">
          {dsn}
        </div>
        {!k.revokedAt && <CopyButton text={dsn} />}
      </div>
      {dsn !== k.dsn && (
        <p className="faint" style={{ margin: '4px 0 0' }}>
          The server's configured address gives <code>{k.dsn}</code>; set PUBLIC_URL to the address apps
          reach.
        </p>
      )}
      <div style={{ marginTop: 8 }}>
        <span className="muted">Allowed origins: </span>
        {isAdmin && !k.revokedAt ? (
          <form
            className="inline-form"
            style={{ display: 'inline-flex', gap: 6 }}
            onSubmit={(e) => {
              e.preventDefault();
              void patch({ allowedOrigins: splitOrigins(origins) }, 'Allowed origins saved');
            }}
          >
            <input
              className="input"
              style={{ width: 380 }}
              aria-label={`Allowed origins of ${k.name}`}
              placeholder="any origin (e.g. https://shop.example.com, https://staging.shop.example.com)"
              value={origins}
              onChange={(e) => setOrigins(e.target.value)}
            />
            <button type="submit" className="btn btn-sm">
              Save
            </button>
          </form>
        ) : (
          <span>{k.allowedOrigins.length ? k.allowedOrigins.join(', ') : 'any origin'}</span>
        )}
      </div>
    </div>
  );
}

function splitOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

function CreateKey({ projectKey }: { projectKey: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setBusy(true);
    try {
      await api(`/projects/${projectKey}/ingest-keys`, {
        method: 'POST',
        body: {
          name: String(f.get('name') || 'Default'),
          allowedOrigins: splitOrigins(String(f.get('origins') ?? '')),
        },
      });
      form.reset();
      await qc.invalidateQueries({ queryKey: ['ingest-keys', projectKey] });
      toast('Ingest key created', 'success');
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} style={{ marginTop: 12 }}>
      <label className="field">
        <span>Key name</span>
        <input className="input" name="name" placeholder="e.g. storefront" maxLength={100} />
      </label>
      <label className="field" style={{ flex: 2 }}>
        <span>Allowed origins (empty: any)</span>
        <input className="input" name="origins" placeholder="https://shop.example.com" />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}
