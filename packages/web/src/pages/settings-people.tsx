import { ROLES } from '@closeloop/shared/issue-fields';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { keys, useInvitations, useMe, useMembers, useTeams } from '../api/hooks.ts';
import type { Invitation } from '../api/types.ts';
import { useToast } from '../components/toasts.tsx';
import { Avatar, Spinner } from '../components/ui.tsx';
import { humanize, shortDate } from '../lib/format.ts';
import { useSubmit } from './settings-form.ts';

/** Members of the workspace, their roles and invitations. */
export function Members() {
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
  // A revoked invitation's link stops working at once (DELETE /invitations/:id).
  const revoke = async (id: number) => {
    try {
      await api(`/invitations/${id}`, { method: 'DELETE' });
      qc.invalidateQueries({ queryKey: ['invitations'] });
      toast('Invitation revoked');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
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
                    {isAdmin && (
                      <td>
                        <button
                          type="button"
                          className="btn btn-sm"
                          aria-label={`Revoke the invitation of ${i.email}`}
                          onClick={() => revoke(i.id)}
                        >
                          Revoke
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Teams and who is in them. */
export function Teams() {
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
              <td>
                <Link to={`/workload?team=${t.id}`}>Workload</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
