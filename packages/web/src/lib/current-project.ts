import { useSearchParams } from 'react-router';
import { useProjects } from '../api/hooks.ts';

const KEY = 'closeloop.project';

/** The project a page works on: `?project=` in the URL, else the last one used, else the first. */
export function useCurrentProject() {
  const [params, setParams] = useSearchParams();
  const projects = useProjects();
  const fromUrl = params.get('project');
  const list = projects.data ?? [];
  const remembered = localStorage.getItem(KEY);
  const key =
    (fromUrl && list.some((p) => p.key === fromUrl) ? fromUrl : null) ??
    (remembered && list.some((p) => p.key === remembered) ? remembered : null) ??
    list[0]?.key ??
    null;
  const setProject = (k: string) => {
    localStorage.setItem(KEY, k);
    const next = new URLSearchParams(params);
    next.set('project', k);
    setParams(next);
  };
  if (key) localStorage.setItem(KEY, key);
  return {
    key,
    project: list.find((p) => p.key === key) ?? null,
    projects: list,
    loading: projects.isLoading,
    setProject,
  };
}
