import { useQueryClient } from '@tanstack/react-query';
import { NavLink, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { itemsOf, keys, useLabels, useMe, useOptional } from '../api/hooks.ts';
import { TopBar } from '../components/layout.tsx';
import { EmptyState, LabelChip } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { shortDate } from '../lib/format.ts';
import { AuditLogTab } from './settings-audit.tsx';
import { AutomationTab } from './settings-automation.tsx';
import { AvailabilityTab } from './settings-availability.tsx';
import { ClosingSettings } from './settings-closing.tsx';
import { CustomFieldsEditor } from './settings-fields.tsx';
import { useSubmit } from './settings-form.ts';
import { IssueTypesEditor } from './settings-issue-types.tsx';
import { NotificationSettingsTab } from './settings-notifications.tsx';
import { OwnershipTab } from './settings-ownership.tsx';
import { Members, Teams } from './settings-people.tsx';
import { PrivacyTab } from './settings-privacy.tsx';
import { ScoringSettingsTab } from './settings-scoring.tsx';
import { SessionsTab } from './settings-sessions.tsx';
import { SlaSettingsTab } from './settings-sla.tsx';
import { SsoTab } from './settings-sso.tsx';
import { Tokens } from './settings-tokens.tsx';
import { TwoFactorTab } from './settings-two-factor.tsx';
import { WebhooksTab } from './settings-webhooks.tsx';
import { WorkflowEditor } from './settings-workflow.tsx';

const TABS = [
  ['tokens', 'API tokens'],
  ['members', 'Members'],
  ['teams', 'Teams'],
  ['labels', 'Labels'],
  ['workflow', 'Workflow'],
  ['types', 'Issue types'],
  ['closing', 'Closing'],
  ['fields', 'Custom fields'],
  ['milestones', 'Milestones'],
  ['notifications', 'Notifications'],
  ['scoring', 'Scoring'],
  ['webhooks', 'Webhooks'],
  ['sla', 'SLAs'],
  ['sessions', 'Sessions'],
  ['two-factor', 'Two-factor'],
  ['sso', 'Single sign-on'],
  ['audit', 'Audit log'],
  ['privacy', 'Privacy'],
  ['automation', 'Automation'],
  ['ownership', 'Ownership'],
  ['availability', 'Availability'],
] as const;
/** Tabs only admins can use (the API answers 403 to others). */
const ADMIN_TABS = new Set(['audit', 'privacy', 'sso']);

export function SettingsPage() {
  const { tab = 'tokens' } = useParams();
  const me = useMe();
  const isAdmin = me.data?.role === 'admin' || me.data?.role === 'owner';
  return (
    <>
      <TopBar title="Settings" />
      <nav className="tabs" aria-label="Settings sections">
        {TABS.filter(([k]) => isAdmin || !ADMIN_TABS.has(k)).map(([k, label]) => (
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
          {tab === 'closing' && <ClosingSettings />}
          {tab === 'fields' && <CustomFieldsEditor />}
          {tab === 'milestones' && <Milestones />}
          {tab === 'notifications' && <NotificationSettingsTab />}
          {tab === 'scoring' && <ScoringSettingsTab />}
          {tab === 'webhooks' && <WebhooksTab />}
          {tab === 'sla' && <SlaSettingsTab />}
          {tab === 'sessions' && <SessionsTab />}
          {tab === 'two-factor' && <TwoFactorTab />}
          {tab === 'sso' && <SsoTab />}
          {tab === 'audit' && <AuditLogTab />}
          {tab === 'privacy' && <PrivacyTab />}
          {tab === 'automation' && <AutomationTab />}
          {tab === 'ownership' && <OwnershipTab />}
          {tab === 'availability' && <AvailabilityTab />}
        </div>
      </div>
    </>
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
