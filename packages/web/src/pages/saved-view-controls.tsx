import { projectOfQuery } from '@closeloop/core/views/scope-query';
import { useNavigate } from 'react-router';
import { usePick } from '../actions/registry.tsx';
import { errorText } from '../api/client.ts';
import { useAskText } from '../components/prompt-dialog.tsx';
import { useToast } from '../components/toasts.tsx';
import { type SavedView, useDeleteView, useSaveView, useViews } from '../lib/views.ts';

type ListDisplay = {
  q: string;
  columns: string[];
  group: string;
  sort: string;
  order: string;
  projectKey: string | null;
  setColumns: (c: string[]) => void;
};

/** Open, save and delete saved views of the issue list. */
export function useSavedViews({ q, columns, group, sort, order, projectKey, setColumns }: ListDisplay) {
  const navigate = useNavigate();
  const toast = useToast();
  const askText = useAskText();
  const views = useViews();
  const saveView = useSaveView();
  const deleteView = useDeleteView();
  const onDelete = async (v: SavedView) => {
    if (!confirm(`Delete the view "${v.name}"?`)) return;
    try {
      await deleteView(v);
      toast(`Deleted view "${v.name}"`, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };

  const openView = (v: SavedView) => {
    const next = new URLSearchParams();
    if (v.query) next.set('q', v.query);
    if (v.display.groupBy && v.display.groupBy !== 'none') next.set('group', v.display.groupBy);
    if (v.display.sort) next.set('sort', v.display.sort);
    if (v.display.order) next.set('order', v.display.order);
    // A view saved in a project is stored as `project:KEY (…)`: open it in that project, or the
    // list's own project filter (the one open now) would hide every issue it shows.
    const project = projectOfQuery(v.query) ?? v.display.project;
    if (project) next.set('project', project);
    if (v.display.columns) setColumns(v.display.columns);
    navigate(`${v.display.layout === 'board' ? '/board' : '/issues'}?${next}`);
  };

  const onSave = async () => {
    const name = await askText({
      title: 'Save view',
      label: 'Name',
      placeholder: 'e.g. My open bugs',
      submitLabel: 'Save view',
    });
    if (!name) return;
    try {
      await saveView(
        {
          name,
          query: q,
          display: { columns, groupBy: group, sort, order, layout: 'list', project: projectKey },
        },
        views.data?.server ?? false,
      );
      toast(`Saved view "${name}"`, 'success');
    } catch (e) {
      toast(errorText(e), 'error');
    }
  };
  return { views: views.data?.views ?? [], server: views.data?.server ?? false, onDelete, openView, onSave };
}

/** The saved views menu, "Save view" and "Delete view…" of the list toolbar. */
export function SavedViewControls({ saved }: { saved: ReturnType<typeof useSavedViews> }) {
  const pick = usePick();
  const { views, openView, onSave, onDelete } = saved;
  return (
    <>
      <label className="sr-only" htmlFor="view-select">
        Saved views
      </label>
      <select
        id="view-select"
        className="select-inline"
        value=""
        onChange={(e) => {
          const v = views.find((x) => String(x.id) === e.target.value);
          if (v) openView(v);
        }}
      >
        <option value="">Views{views.length ? ` (${views.length})` : ''}</option>
        {views.map((v) => (
          <option key={v.id} value={String(v.id)}>
            {v.name}
            {v.local ? ' (this browser)' : v.shared ? ' (shared)' : ''}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn-sm" onClick={onSave}>
        Save view
      </button>
      {(views.length ?? 0) > 0 && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() =>
            pick({
              title: 'Delete a saved view',
              current: '',
              options: views.map((v) => ({ id: String(v.id), label: v.name })),
              onPick: (id) => {
                const v = views.find((x) => String(x.id) === id);
                if (v) void onDelete(v);
              },
            })
          }
        >
          Delete view…
        </button>
      )}
    </>
  );
}
