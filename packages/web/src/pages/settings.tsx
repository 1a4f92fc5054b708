import { ROLES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { NavLink, useParams } from 'react-router';
import { api, errorText } from '../api/client.ts';
import {
  itemsOf,
  keys,
  useInvitations,
  useLabels,
  useMe,
  useMembers,
  useOptional,
  useTeams,
  useTokens,
} from '../api/hooks.ts';
import type { ApiToken, Invitation } from '../api/types.ts';
import { TopBar } from '../components/layout.tsx';
import { useToast } from '../components/toasts.tsx';
import { Avatar, EmptyState, ErrorState, LabelChip, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { humanize, relativeTime, shortDate } from '../lib/format.ts';
import { CustomFieldsEditor, IssueTypesEditor } from './settings-fields.tsx';
import { NotificationSettingsTab } from './settings-notifications.tsx';
import { ScoringSettingsTab } from './settings-scoring.tsx';
import { WorkflowEditor } from './settings-workflow.tsx';

const TABS = [
  ['tokens', 'API tokens'],
  ['members', 'Members'],
  ['teams', 'Teams'],
  ['labels', 'Labels'],
  ['workflow', 'Workflow'],
  ['types', 'Issue types'],
  ['fields', 'Custom fields'],
  ['milestones', 'Milestones'],
  ['notifications', 'Notifications'],
  ['scoring', 'Scoring'],
] as const;

export function SettingsPage() {
  const { tab = 'tokens' } = useParams();
  return (
    <>
      <TopBar title="Settings" />
      <nav className="tabs" aria-label="Settings sections">
        {TABS.map(([k, label]) => (
          <NavLink
            key={k}
            to={`/settings/${k}`}
            className={({ isActive }) => `tab${isActive ? ' active' : ''}`}
          >
            {label}
          </NavLink>
        ))}
      </nav>
      <div className="page">
        <div className="page-pad">
          {tab === 'tokens' && <Tokens />}
          {tab === 'members' && <Members />}
          {tab === 'teams' && <Teams />}
          {tab === 'labels' && <Labels />}
          {tab === 'workflow' && <WorkflowEditor />}
          {tab === 'types' && <IssueTypesEditor />}
          {tab === 'fields' && <CustomFieldsEditor />}
          {tab === 'milestones' && <Milestones />}
          {tab === 'notifications' && <NotificationSettingsTab />}
          {tab === 'scoring' && <ScoringSettingsTab />}
        </div>
      </div>
    </>
  );
}

function useSubmit<T>(fn: (f: FormData) => Promise<T>) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    onSubmit: async (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      setBusy(true);
      try {
        await fn(new FormData(form));
        form.reset();
      } catch (err) {
        toast(errorText(err), 'error');
      } finally {
        setBusy(false);
      }
    },
  };
}

function Tokens() {
  const tokens = useTokens();
  const qc = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const form = useSubmit(async (f) => {
    const t = await api<ApiToken>('/tokens', { method: 'POST', body: { name: f.get('name') } });
    setCreated(t.token ?? null);
    qc.invalidateQueries({ queryKey: ['tokens'] });
  });
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal API tokens</h2>
      <p className="muted">
        Tokens act as you on the API and CLI: send them as <code>Authorization: Bearer clt_…</code>.
      </p>
      <form className="inline-form" onSubmit={form.onSubmit}>
        <label className="field">
          <span>Token name</span>
          <input className="input" name="name" required placeholder="CI, laptop CLI…" />
        </label>
        <button className="btn btn-primary" type="submit" disabled={form.busy}>
          Create token
        </button>
      </form>
      {created && (
        <div className="alert alert-info" role="status">
          <strong>Copy this token now — it is shown only once.</strong>
          <div className="secret" data-testid="new-token">
            {created}
          </div>
        </div>
      )}
      {tokens.isLoading && <Spinner />}
      {tokens.error && <ErrorState error={tokens.error} />}
      {tokens.data?.length === 0 && <EmptyState title="No tokens yet" />}
      {!!tokens.data?.length && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="mono">{t.prefix}…</td>
                <td>{shortDate(t.createdAt)}</td>
                <td>{t.lastUsedAt ? relativeTime(t.lastUsedAt) : 'never'}</td>
                <td style={{ textAlign: 'right' }}>
                  {t.revokedAt ? (
                    <span className="muted">revoked</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      onClick={async () => {
                        await api(`/tokens/${t.id}`, { method: 'DELETE' });
                        qc.invalidateQueries({ queryKey: ['tokens'] });
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Members() {
  const me = useMe();
  const members = useMembers();
  const invitations = useInvitations();
  const qc = useQueryClient();
  const toast = useToast();
  const [link, setLink] = useState<string | null>(null);
  const isAdmin = me.data?.role === 'admin' || me.data?.role === 'owner';
  const invite = useSubmit(async (f) => {
    const inv = await api<Invitation>('/invitations', {
      method: 'POST',
      body: { email: f.get('email'), role: f.get('role') },
    });
    setLink(`${location.origin}/signup?invitation=${encodeURIComponent(inv.token ?? '')}`);
    qc.invalidateQueries({ queryKey: ['invitations'] });
  });
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members and roles</h2>
      {isAdmin && (
        <form className="inline-form" onSubmit={invite.onSubmit}>
          <label className="field">
            <span>Invite by email</span>
            <input className="input" name="email" type="email" required placeholder="name@company.com" />
          </label>
          <label className="field" style={{ flex: '0 0 120px' }}>
            <span>Role</span>
            <select className="select" name="role" defaultValue="member">
              {ROLES.filter((r) => r !== 'owner').map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </select>
          </label>
          <button className="btn btn-primary" type="submit" disabled={invite.busy}>
            Invite
          </button>
        </form>
      )}
      {link && (
        <div className="alert alert-info" role="status">
          Send this invitation link (shown once):
          <div className="secret" data-testid="invite-link">
            {link}
          </div>
        </div>
      )}
      {members.isLoading && <Spinner />}
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Joined</th>
          </tr>
        </thead>
        <tbody>
          {(members.data ?? []).map((m) => (
            <tr key={m.id}>
              <td style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                <Avatar name={m.name} /> {m.name}
              </td>
              <td>{m.email}</td>
              <td>
                {isAdmin && m.role !== 'owner' && m.id !== me.data?.user.id ? (
                  <select
                    className="select-inline"
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    onChange={async (e) => {
                      try {
                        await api(`/members/${m.id}`, { method: 'PATCH', body: { role: e.target.value } });
                        qc.invalidateQueries({ queryKey: keys.members });
                      } catch (err) {
                        toast(errorText(err), 'error');
                      }
                    }}
                  >
                    {ROLES.filter((r) => r !== 'owner').map((r) => (
                      <option key={r} value={r}>
                        {humanize(r)}
                      </option>
                    ))}
                  </select>
                ) : (
                  humanize(m.role)
                )}
              </td>
              <td>{shortDate(m.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!!invitations.data?.filter((i) => !i.acceptedAt).length && (
        <>
          <h3 style={{ margin: '24px 0 8px' }}>Pending invitations</h3>
          <table className="table">
            <tbody>
              {invitations.data
                .filter((i) => !i.acceptedAt)
                .map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{humanize(i.role)}</td>
                    <td className="muted">expires {shortDate(i.expiresAt)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Teams() {
  const teams = useTeams();
  const members = useMembers();
  const qc = useQueryClient();
  const form = useSubmit(async (f) => {
    await api('/teams', { method: 'POST', body: { key: f.get('key'), name: f.get('name') } });
    qc.invalidateQueries({ queryKey: keys.teams });
  });
  const name = (id: number) => members.data?.find((m) => m.id === id)?.name ?? `#${id}`;
  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">Teams</h2>
      <form className="inline-form" onSubmit={form.onSubmit}>
        <label className="field">
          <span>Key</span>
          <input className="input" name="key" required pattern="[a-z][a-z0-9\-]{1,30}" placeholder="design" />
        </label>
        <label className="field">
          <span>Name</span>
          <input className="input" name="name" required placeholder="Design" />
        </label>
        <button className="btn btn-primary" type="submit" disabled={form.busy}>
          Create team
        </button>
      </form>
      {teams.isLoading && <Spinner />}
      <table className="table">
        <tbody>
          {(teams.data ?? []).map((t) => (
            <tr key={t.id}>
              <td>
                <strong>{t.name}</strong> <span className="mono muted">{t.key}</span>
              </td>
              <td className="muted">{t.memberIds.map(name).join(', ') || 'No members'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Labels() {
  const labels = useLabels();
  const qc = useQueryClient();
  const form = useSubmit(async (f) => {
    await api('/labels', { method: 'POST', body: { name: f.get('name'), color: f.get('color') } });
    qc.invalidateQueries({ queryKey: keys.labels });
  });
  return (
    <section aria-labelledby="labels-title">
      <h2 id="labels-title">Labels</h2>
      <form className="inline-form" onSubmit={form.onSubmit}>
        <label className="field">
          <span>Name</span>
          <input className="input" name="name" required />
        </label>
        <label className="field" style={{ flex: '0 0 80px' }}>
          <span>Colour</span>
          <input className="input" name="color" type="color" defaultValue="#6366f1" style={{ padding: 2 }} />
        </label>
        <button className="btn btn-primary" type="submit" disabled={form.busy}>
          Add label
        </button>
      </form>
      {labels.data?.length === 0 && <EmptyState title="No labels yet" />}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {(labels.data ?? []).map((l) => (
          <span key={l.id} style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
            <LabelChip name={l.name} color={l.color} />
            <button
              type="button"
              className="btn btn-ghost btn-sm icon-btn"
              aria-label={`Delete label ${l.name}`}
              onClick={async () => {
                await api(`/labels/${l.id}`, { method: 'DELETE' });
                qc.invalidateQueries({ queryKey: keys.labels });
              }}
            >
              ×
            </button>
          </span>
        ))}
      </div>
    </section>
  );
}

type Milestone = {
  id: number;
  name: string;
  targetDate?: string | null;
  dueDate?: string | null;
  state?: string;
};
function Milestones() {
  const { key } = useCurrentProject();
  const qc = useQueryClient();
  const ms = useOptional<Milestone[] | { items: Milestone[] }>(
    ['milestones', key],
    `/projects/${key}/milestones`,
    !!key,
  );
  const form = useSubmit(async (f) => {
    await api(`/projects/${key}/milestones`, {
      method: 'POST',
      body: { name: f.get('name'), targetDate: f.get('targetDate') || null },
    });
    qc.invalidateQueries({ queryKey: ['milestones', key] });
  });
  if (ms.data === null) return <EmptyState title="Milestones are not available on this server yet" />;
  return (
    <section aria-labelledby="ms-title">
      <h2 id="ms-title">Milestones · {key}</h2>
      <form className="inline-form" onSubmit={form.onSubmit}>
        <label className="field">
          <span>Name</span>
          <input className="input" name="name" required />
        </label>
        <label className="field">
          <span>Target date</span>
          <input className="input" name="targetDate" type="date" />
        </label>
        <button className="btn btn-primary" type="submit" disabled={form.busy}>
          Add milestone
        </button>
      </form>
      <table className="table">
        <tbody>
          {itemsOf(ms.data).map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{shortDate(m.targetDate ?? m.dueDate ?? null)}</td>
              <td>{m.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
