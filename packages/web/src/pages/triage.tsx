import { likelyDuplicateOffer } from '@closeloop/core/similarity/merge-rules';
import type { Issue } from '@closeloop/shared/api/issues';
import type { SimilarList } from '@closeloop/shared/api/similarity';
import type { Priority } from '@closeloop/shared/issue-fields';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { bindActions } from '../actions/bind.ts';
import { useActions, useRegisterActions } from '../actions/registry.tsx';
import { api } from '../api/client.ts';
import { TopBar } from '../components/layout.tsx';
import { ProjectPicker } from '../components/project-picker.tsx';
import { useAskText } from '../components/prompt-dialog.tsx';
import { useAskResolution } from '../components/resolution-dialog.tsx';
import { KeysOf } from '../components/shortcut-keys.tsx';
import { useToast } from '../components/toasts.tsx';
import { EmptyState, ErrorState, PRIORITY_LABEL, PriorityIcon, Spinner } from '../components/ui.tsx';
import { useCurrentProject } from '../lib/current-project.ts';
import { useDirectory } from '../lib/directory.ts';
import { humanize, relativeTime } from '../lib/format.ts';
import { useIssueCommands } from '../lib/issue-commands.tsx';
import { closingChanges, lessonsAsked, writeLessons } from '../lib/lessons.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { type Changes, describeWriteError, patchIssue } from '../lib/mutations.ts';
import { useWorkflow } from '../lib/project-meta.ts';
import { parseSnooze } from '../lib/snooze.ts';
import { TriageReportQuality } from './triage-report-quality.tsx';

interface QueueItem {
  issue: Issue;
  score: number | null;
  proposedPriority: Priority | null;
  reasons: string;
}

/**
 * Triage: the project's untriaged issues in one queue, highest severity score first, each with
 * the top reasons of its score. Accept takes an issue out of the queue whatever its status (the
 * triage state is its own field); snooze hides it for a time or until it escalates; priority,
 * assignment, team, duplicate and decline as before. A team's queue is the same queue filtered.
 */
export function TriagePage() {
  const currentProject = useCurrentProject();
  const { key, project } = currentProject;
  const qc = useQueryClient();
  const toast = useToast();
  const askResolution = useAskResolution();
  const askText = useAskText();
  const dir = useDirectory();
  const wf = useWorkflow(key ?? undefined);
  const commands = useIssueCommands(wf);
  const [team, setTeam] = useState('');
  const queue = useQuery({
    queryKey: ['triage', key, team],
    queryFn: () =>
      api<{ items: QueueItem[] }>(`/projects/${key}/triage?limit=200${team ? `&team=${team}` : ''}`),
    enabled: !!key,
  });
  const entries = queue.data?.items ?? [];
  const items = entries.map((e) => e.issue);
  const [idx, setIdx] = useState(0);
  const curEntry = entries[Math.min(idx, entries.length - 1)];
  const cur = curEntry?.issue;
  const refresh = () => qc.invalidateQueries({ queryKey: ['triage', key] });

  const triage = async (body: Record<string, unknown>, done: string) => {
    if (!cur) return;
    try {
      await api(`/issues/${cur.key}/triage`, { method: 'POST', body });
      toast(`${cur.key} ${done}`, 'success');
    } catch (e) {
      toast(describeWriteError(e, wf.nameOf), 'error');
    }
    refresh();
  };
  const accept = () => triage({ action: 'accept' }, 'accepted');
  const snooze = async () => {
    if (!cur) return;
    const answer = await askText({
      title: `Snooze ${cur.key}`,
      label: 'For how long, or until it escalates',
      placeholder: '4h, 2d, +50 users, +1000 events',
      submitLabel: 'Snooze',
      validate: (v) => (parseSnooze(v) ? null : 'Try 4h, 2d, +50 users or +1000 events'),
    });
    if (!answer) return;
    const when = parseSnooze(answer)!;
    await triage({ action: 'snooze', ...when }, 'snoozed');
  };
  const takeProposal = async () => {
    if (!cur || !curEntry?.proposedPriority) return;
    try {
      await patchIssue(qc, cur, { priority: curEntry.proposedPriority });
      toast(`${cur.key} priority ${PRIORITY_LABEL[curEntry.proposedPriority]}`, 'success');
    } catch (e) {
      toast(describeWriteError(e, wf.nameOf), 'error');
    }
    refresh();
  };
  const decline = async () => {
    if (!cur) return;
    const cancelled =
      wf.statuses.find((s) => s.category === 'cancelled') ?? wf.statuses.find((s) => s.category === 'done');
    if (!cancelled) return;
    try {
      // Declining closes: a report that owes a lessons-learned record (an incident, urgent work…)
      // gets the same form as every other close, and its record is written first.
      const reasons = await lessonsAsked(qc, cur);
      let changes: Changes = { resolution: 'declined' };
      if (reasons.length > 0) {
        const closing = await askResolution({
          title: `Decline ${cur.key}`,
          defaultResolution: 'declined',
          lessons: reasons,
          projectKey: cur.projectKey,
        });
        if (!closing) return;
        const asked = closingChanges(closing);
        await writeLessons(cur.key, asked.lessons);
        changes = asked.changes;
      }
      await patchIssue(qc, cur, { status: cancelled.key, ...changes });
      toast(`${cur.key} declined`, 'success');
    } catch (e) {
      toast(describeWriteError(e, wf.nameOf), 'error');
    }
    refresh();
  };
  // Likely duplicates come from the similarity engine; merging is its merge (comments, watchers,
  // events and reporters move to the original, the duplicate closes, and the merge can be undone).
  const similar = useQuery({
    queryKey: ['similar', cur?.key],
    queryFn: () => api<SimilarList>(`/issues/${cur!.key}/similar?limit=3`),
    enabled: !!cur,
  });
  const closest = similar.data?.likelyDuplicateOf ?? null;
  // A closed likely original is never merged into: the report recurs it, which the page says.
  const likely = closest && likelyDuplicateOffer(closest) === 'merge' ? closest : null;
  const recurs = closest && !likely ? closest : null;
  const duplicate = async () => {
    if (!cur) return;
    const asked = likely
      ? null
      : await askText({
          title: `${cur.key} duplicates which issue?`,
          label: 'Issue key',
          placeholder: 'APP-12',
          submitLabel: 'Merge',
          validate: (v) =>
            /^[A-Za-z][A-Za-z0-9]*-\d+$/.test(v.trim()) ? null : 'An issue key, such as APP-12',
        });
    const of = likely?.key ?? asked?.trim().toUpperCase();
    if (!of) return;
    try {
      await api(`/issues/${cur.key}/merge`, { method: 'POST', body: { into: of } });
      toast(`${cur.key} merged into ${of}`, 'success');
    } catch (e) {
      toast(describeWriteError(e, wf.nameOf), 'error');
    }
    refresh();
  };
  const after = (fn: () => void) => () => {
    fn();
    setTimeout(refresh, 300);
  };

  const { perform } = useActions();
  useRegisterActions(
    bindActions('triage', {
      'triage-down': () => setIdx((i) => Math.min(items.length - 1, i + 1)),
      'triage-up': () => setIdx((i) => Math.max(0, i - 1)),
      'triage-accept': () => void accept(),
      'triage-snooze': () => void snooze(),
      'triage-proposal': () => void takeProposal(),
      'triage-decline': () => void decline(),
      'triage-dup': () => void duplicate(),
      // The queue is read again after the edit: an assigned or prioritised issue may leave it.
      'issue-priority': after(() => cur && commands.prioritize([cur])),
      'issue-assign': after(() => cur && commands.assign([cur])),
      'issue-team': after(() => cur && commands.assignTeam([cur])),
    }),
  );

  return (
    <>
      <TopBar title={`${project?.name ?? 'Triage'} · Triage`}>
        <ProjectPicker current={currentProject} />
        <select
          className="select"
          aria-label="Team queue"
          value={team}
          onChange={(e) => setTeam(e.target.value)}
        >
          <option value="">All teams</option>
          {dir.teams.map((t) => (
            <option key={t.id} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </TopBar>
      {queue.isLoading && <Spinner label="Loading triage queue" />}
      {queue.error && <ErrorState error={queue.error} />}
      {queue.data && items.length === 0 && (
        <EmptyState title="Triage is clear">
          New issues land here until someone accepts or snoozes them.
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="triage">
          <div className="triage-list" role="listbox" aria-label="Triage queue">
            {entries.map(({ issue: i, score, reasons }, n) => (
              <div
                key={i.key}
                role="option"
                aria-selected={i === cur}
                tabIndex={-1}
                className={`triage-item${i === cur ? ' active' : ''}`}
                onClick={() => setIdx(n)}
                onKeyDown={() => {}}
              >
                <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
                  <PriorityIcon priority={i.priority} />
                  <span className="key">{i.key}</span>
                  <span className="severity-score" title="Severity score" data-testid="triage-score">
                    {score ?? '–'}
                  </span>
                  <span className="faint" style={{ marginLeft: 'auto' }}>
                    {relativeTime(i.createdAt)}
                  </span>
                </div>
                <div style={{ fontWeight: 500 }}>{i.title}</div>
                {reasons && <div className="triage-reasons">{reasons}</div>}
              </div>
            ))}
          </div>
          {cur && (
            <div className="triage-detail">
              <div className="breadcrumb">
                {cur.key} · {humanize(cur.type)} · {wf.nameOf(cur.status)} · reported by{' '}
                {dir.userName(cur.reporterId) ?? 'someone'}
              </div>
              <h2 style={{ fontSize: 20, margin: '8px 0 12px' }}>
                <Link to={`/issue/${cur.key}`} style={{ color: 'var(--text)' }}>
                  {cur.title}
                </Link>
              </h2>
              <div className="triage-actions">
                <button type="button" className="btn btn-primary" onClick={() => perform('triage-accept')}>
                  Accept <KeysOf id="triage-accept" />
                </button>
                <button type="button" className="btn" onClick={() => perform('triage-snooze')}>
                  Snooze <KeysOf id="triage-snooze" />
                </button>
                <button type="button" className="btn" onClick={() => perform('issue-priority')}>
                  Priority: {PRIORITY_LABEL[cur.priority]} <KeysOf id="issue-priority" />
                </button>
                {curEntry?.proposedPriority && curEntry.proposedPriority !== cur.priority && (
                  <button type="button" className="btn" onClick={() => perform('triage-proposal')}>
                    Use proposal: {PRIORITY_LABEL[curEntry.proposedPriority]} <KeysOf id="triage-proposal" />
                  </button>
                )}
                <button type="button" className="btn" onClick={() => perform('issue-assign')}>
                  Assign <KeysOf id="issue-assign" />
                </button>
                <button type="button" className="btn" onClick={() => perform('issue-team')}>
                  Team <KeysOf id="issue-team" />
                </button>
                <button type="button" className="btn" onClick={() => perform('triage-dup')}>
                  {likely ? `Merge into ${likely.key}` : 'Duplicate…'} <KeysOf id="triage-dup" />
                </button>
                <button type="button" className="btn btn-danger" onClick={() => perform('triage-decline')}>
                  Decline <KeysOf id="triage-decline" />
                </button>
              </div>
              {likely && (
                <p className="alert alert-info" data-testid="likely-duplicate">
                  Likely duplicate of <Link to={`/issue/${likely.key}`}>{likely.key}</Link>: {likely.title}
                </p>
              )}
              {recurs && (
                <p className="alert alert-info" data-testid="likely-recurrence">
                  Recurrence of <Link to={`/issue/${recurs.key}`}>{recurs.key}</Link> (closed): {recurs.title}
                </p>
              )}
              <TriageReportQuality issueKey={cur.key} />
              {curEntry && curEntry.score !== null && (
                <p className="triage-reasons">
                  Severity {curEntry.score}
                  {curEntry.reasons ? ` · ${curEntry.reasons}` : ''}
                </p>
              )}
              <div
                className="markdown"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it + DOMPurify
                dangerouslySetInnerHTML={{
                  __html: cur.description
                    ? renderMarkdown(cur.description)
                    : '<p class="faint">No description.</p>',
                }}
              />
            </div>
          )}
        </div>
      )}
    </>
  );
}
