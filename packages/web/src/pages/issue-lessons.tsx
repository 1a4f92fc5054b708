import type { Issue } from '@closeloop/shared/api/issues';
import type { Lessons, LessonsBody } from '@closeloop/shared/api/lessons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorText } from '../api/client.ts';
import { LessonFields, lessonAnswers } from '../components/lesson-fields.tsx';
import { useToast } from '../components/toasts.tsx';
import { StatusIcon } from '../components/ui.tsx';
import { LESSON_QUESTIONS } from '../lib/lessons.ts';
import { renderMarkdown } from '../lib/markdown.ts';

/**
 * The lessons-learned record of an issue: shown once the issue is closed (or a record exists),
 * asked for when the issue owes one, editable, with action items that are tasks of their own.
 */
export function IssueLessons({ issue }: { issue: Issue }) {
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery({
    queryKey: ['lessons', issue.key],
    queryFn: () => api<Lessons>(`/issues/${issue.key}/lessons`),
  });
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState('');
  const data = q.data;
  if (!data) return null;
  const closed = !!issue.closedAt;
  if (!data.record && !(closed && data.required) && !editing) return null;

  const refresh = () => qc.invalidateQueries({ queryKey: ['lessons', issue.key] });
  const save = async (body: LessonsBody) => {
    try {
      await api(`/issues/${issue.key}/lessons`, { method: 'PUT', body });
      setEditing(false);
      refresh();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  const addAction = async () => {
    if (!action.trim()) return;
    try {
      await api(`/issues/${issue.key}/lessons/actions`, { method: 'POST', body: { title: action.trim() } });
      setAction('');
      refresh();
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

  return (
    <section aria-label="Lessons learned" className="lessons" style={{ marginTop: 20 }}>
      <div className="section-head">
        <h3>Lessons learned</h3>
        {!editing && (
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)}>
            {data.record ? 'Edit' : 'Write lessons learned'}
          </button>
        )}
      </div>
      {!data.record && !editing && (
        <p className="muted">
          This issue was closed without its lessons-learned record. What should the next team know?
        </p>
      )}
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(lessonAnswers(e.currentTarget));
          }}
        >
          <LessonFields initial={data.record} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary">
              Save lessons
            </button>
          </div>
        </form>
      ) : (
        data.record && (
          <dl className="lessons-record">
            {LESSON_QUESTIONS.filter((x) => data.record?.[x.field]).map((x) => (
              <div key={x.field}>
                <dt>{x.label}</dt>
                <dd
                  className="markdown"
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised Markdown (markdown-it + DOMPurify)
                  dangerouslySetInnerHTML={{ __html: renderMarkdown(data.record?.[x.field] ?? '') }}
                />
              </div>
            ))}
          </dl>
        )
      )}
      <h4>Action items</h4>
      <ul className="lessons-actions">
        {data.actionItems.map((a) => (
          <li key={a.key}>
            <StatusIcon category={a.statusCategory} /> <Link to={`/issue/${a.key}`}>{a.key}</Link> {a.title}
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void addAction();
        }}
      >
        <input
          className="input"
          aria-label="New action item"
          placeholder="Add an action item (becomes a linked task)"
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <button type="submit" className="btn btn-sm">
          Add
        </button>
      </form>
    </section>
  );
}
