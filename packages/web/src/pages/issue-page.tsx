import type { Issue } from '@closeloop/shared/api/issues';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { bindActions } from '../actions/bind.ts';
import { useRegisterActions } from '../actions/registry.tsx';
import { ApiError, errorText } from '../api/client.ts';
import { keys, useIssue } from '../api/hooks.ts';
import { MentionTextarea } from '../components/mention-textarea.tsx';
import { PastResolutions } from '../components/past-resolutions.tsx';
import { useAskResolution } from '../components/resolution-dialog.tsx';
import { SimilarIssuesPanel } from '../components/similar-issues.tsx';
import { useToast } from '../components/toasts.tsx';
import { ErrorState, Spinner } from '../components/ui.tsx';
import { closeAsDuplicateOf } from '../lib/close-as-duplicate.ts';
import { useIssueActions } from '../lib/issue-actions.ts';
import { useIssueCommands } from '../lib/issue-commands.tsx';
import { closingChanges, lessonsAsked, writeLessons } from '../lib/lessons.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { type Changes, conflictCurrent, describeWriteError, patchIssue, putIssue } from '../lib/mutations.ts';
import { useWorkflow } from '../lib/project-meta.ts';
import { useResolutionName } from '../lib/resolutions.ts';
import { IssueAssignment } from './issue-assignment.tsx';
import { IssueCommits } from './issue-commits.tsx';
import { type Conflict, ConflictBanner } from './issue-conflict.tsx';
import { Feed } from './issue-feed.tsx';
import { IssueLessons } from './issue-lessons.tsx';
import { IssueProperties } from './issue-properties.tsx';
import { IssueRecurrence } from './issue-recurrence.tsx';
import { IssueRelations } from './issue-relations.tsx';
import { IssueReports } from './issue-reports.tsx';
import { IssueSeverity } from './issue-severity.tsx';
import { IssueSlaPanel } from './issue-sla.tsx';
import { IssueVerification, writeFixMode } from './issue-verification.tsx';

// Monitoring (charts, stack traces) only matters for error issues: loaded on demand.
const MonitoringSection = lazy(() =>
  import('./monitoring/monitoring-section.tsx').then((m) => ({ default: m.MonitoringSection })),
);

export function IssuePage() {
  const { key = '' } = useParams();
  const issueKey = key.toUpperCase();
  const issue = useIssue(issueKey);
  if (issue.isLoading) return <Spinner label={`Loading ${issueKey}`} />;
  if (issue.error || !issue.data)
    return (
      <ErrorState
        error={
          issue.error instanceof ApiError && issue.error.status === 404
            ? new Error(`${issueKey} does not exist or you cannot see it.`)
            : issue.error
        }
        retry={() => issue.refetch()}
      />
    );
  return <IssueView issue={issue.data} />;
}

function IssueView({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const wf = useWorkflow(issue.projectKey, issue.type);
  const commands = useIssueCommands(wf);
  const askResolution = useAskResolution();
  const resolutionName = useResolutionName(issue.projectKey, issue.resolution);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [editingTitle, setEditingTitle] = useState(false);
  const [title, setTitle] = useState(issue.title);
  const [editingDesc, setEditingDesc] = useState(false);
  const [desc, setDesc] = useState(issue.description);
  useEffect(() => {
    if (!editingTitle) setTitle(issue.title);
    if (!editingDesc) setDesc(issue.description);
  }, [issue.title, issue.description, editingTitle, editingDesc]);

  const save = async (changes: Changes, base: Issue = issue): Promise<boolean> => {
    try {
      await patchIssue(qc, base, changes);
      setConflict(null);
      return true;
    } catch (e) {
      const current = conflictCurrent(e);
      if (current) {
        putIssue(qc, current);
        setConflict({ mine: changes, theirs: current, base });
        qc.invalidateQueries({ queryKey: keys.activity(issue.key) });
      } else toast(describeWriteError(e, wf.nameOf), 'error');
      return false;
    }
  };
  const setStatus = async (to: string) => {
    if (to === issue.status) return;
    const cat = wf.categoryOf(to);
    const extra: Changes = {};
    if (cat === 'done' || cat === 'cancelled') {
      const c = await askResolution({
        title: `Close ${issue.key} as ${wf.nameOf(to)}`,
        defaultResolution: cat === 'done' ? 'fixed' : 'wont_fix',
        lessons: await lessonsAsked(qc, issue),
        issueKey: issue.key,
        projectKey: issue.projectKey,
        fixModes: issue.kind !== 'manual',
      });
      if (!c) return;
      const { changes, lessons, duplicateOf, fixMode } = closingChanges(c);
      // The record first: an issue the project's lessons rule chooses closes only with it.
      const written = await writeLessons(issue.key, lessons)
        .then(() => true)
        .catch((e) => {
          toast(errorText(e), 'error');
          return false;
        });
      if (!written) return;
      const closed = duplicateOf
        ? await closeAsDuplicateOf(qc, issue, {
            original: duplicateOf,
            status: to,
            note: changes.resolutionNote,
          })
            .then(() => true)
            .catch((e) => {
              toast(errorText(e), 'error');
              return false;
            })
        : await save({ status: to, ...changes });
      if (closed) {
        if (fixMode) await writeFixMode(qc, issue.key, fixMode).catch((e) => toast(errorText(e), 'error'));
        qc.invalidateQueries({ queryKey: ['lessons', issue.key] });
      }
      return;
    }
    await save({ status: to, ...extra });
  };

  // Status, priority, assignee and team are bound by the properties panel, to the same pickers its fields open.
  const issueActions = useIssueActions(commands, wf, () => [issue]);
  useRegisterActions(
    bindActions('issue', {
      'issue-assign-me': issueActions['issue-assign-me'],
      'issue-labels': issueActions['issue-labels'],
      'issue-copy-link': issueActions['issue-copy-link'],
      // The page's own close: the resolution dialog here also offers duplicates and fix modes.
      'issue-close': () => {
        const done = wf.statuses.find((s) => s.category === 'done');
        if (done) void setStatus(done.key);
      },
      'issue-edit-title': () => setEditingTitle(true),
      'issue-edit-desc': () => setEditingDesc(true),
      'issue-comment': () => document.getElementById('comment-box')?.querySelector('textarea')?.focus(),
      'issue-back': () => navigate(`/issues?project=${issue.projectKey}`),
    }),
  );

  return (
    <div className="issue-layout">
      <div className="issue-main">
        <div className="issue-main-inner">
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <Link to={`/issues?project=${issue.projectKey}`}>{issue.projectKey}</Link>
            <span aria-hidden="true">›</span>
            <span>{issue.key}</span>
            {issue.parentKey && (
              <>
                <span aria-hidden="true">· sub-issue of</span>
                <Link to={`/issue/${issue.parentKey}`}>{issue.parentKey}</Link>
              </>
            )}
          </nav>
          <span id="desc-edit-hint" hidden>
            Press Enter to edit the description
          </span>
          {conflict && (
            <ConflictBanner
              conflict={conflict}
              onKeepTheirs={() => setConflict(null)}
              onApplyMine={() => void save(conflict.mine, conflict.theirs)}
            />
          )}
          <IssueRecurrence issue={issue} />
          {editingTitle ? (
            <form
              onSubmit={async (e) => {
                e.preventDefault();
                if (title.trim() && title !== issue.title) await save({ title: title.trim() });
                setEditingTitle(false);
              }}
            >
              <input
                className="input title-input"
                aria-label="Title"
                value={title}
                // biome-ignore lint/a11y/noAutofocus: the user asked to edit
                autoFocus
                onChange={(e) => setTitle(e.target.value)}
                onBlur={(e) => e.currentTarget.form?.requestSubmit()}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    setTitle(issue.title);
                    setEditingTitle(false);
                  }
                }}
              />
            </form>
          ) : (
            <h1>
              <button
                type="button"
                className="issue-title"
                onClick={() => setEditingTitle(true)}
                title="Edit title (E)"
              >
                {issue.title}
              </button>
            </h1>
          )}
          {editingDesc ? (
            <div>
              <MentionTextarea
                value={desc}
                onChange={setDesc}
                label="Description (Markdown)"
                className="textarea"
                autoFocus
                onSubmit={() => void saveDesc()}
              />
              <div className="dialog-actions">
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setDesc(issue.description);
                    setEditingDesc(false);
                  }}
                >
                  Cancel
                </button>
                <button type="button" className="btn btn-primary" onClick={() => void saveDesc()}>
                  Save description
                </button>
              </div>
            </div>
          ) : (
            // biome-ignore lint/a11y/useSemanticElements: contains rendered Markdown with links, cannot be a button
            <div
              className="description markdown"
              role="button"
              tabIndex={0}
              aria-describedby="desc-edit-hint"
              onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && setEditingDesc(true)}
              onClick={(e) => !(e.target as HTMLElement).closest('a') && setEditingDesc(true)}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html off, then DOMPurify
              dangerouslySetInnerHTML={{
                __html: issue.description
                  ? renderMarkdown(issue.description)
                  : '<p class="faint">Add a description…</p>',
              }}
            />
          )}
          {issue.resolution && (
            <div className="alert alert-info" style={{ marginTop: 16 }}>
              <strong>Resolved: {resolutionName}</strong>
              {issue.resolutionNote && (
                <div
                  className="markdown"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised Markdown (markdown-it + DOMPurify)
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(issue.resolutionNote) }}
                />
              )}
            </div>
          )}
          <IssueSlaPanel issue={issue} />
          <IssueAssignment issue={issue} />
          <IssueSeverity issue={issue} />
          <IssueReports issue={issue} />
          <Suspense fallback={null}>
            <MonitoringSection issue={issue} />
          </Suspense>
          <IssueVerification issue={issue} />
          <IssueLessons issue={issue} />
          {!issue.closedAt && <PastResolutions issueKey={issue.key} />}
          <SimilarIssuesPanel issue={issue} />
          <IssueCommits issue={issue} />
          <IssueRelations issue={issue} />
          <Feed issue={issue} />
        </div>
      </div>
      <IssueProperties issue={issue} save={save} setStatus={setStatus} />
    </div>
  );

  async function saveDesc() {
    if (desc !== issue.description) {
      if (await save({ description: desc })) setEditingDesc(false);
    } else setEditingDesc(false);
  }
}
