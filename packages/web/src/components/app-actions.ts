import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { bindActions } from '../actions/bind.ts';
import { useActions, useRegisterActions } from '../actions/registry.tsx';
import { api } from '../api/client.ts';
import { useProjects } from '../api/hooks.ts';
import { setTheme, toggleTheme } from '../lib/theme.ts';
import { useCreateIssue } from './create-issue.tsx';

/** Pages about one issue or about the account: switching project leaves them for that project's list. */
const NOT_PER_PROJECT = /^\/(issue\/|settings|notifications)/;

/** Binds the commands offered on every page (navigation, create, theme, sign out); the shell's links use `keepProject`. */
export function useAppActions() {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const { openPalette, setHelpOpen } = useActions();
  const create = useCreateIssue();
  const projects = useProjects();

  const keepProject = (path: string) => {
    const p = new URLSearchParams(location.search).get('project');
    return p ? `${path}?project=${p}` : path;
  };
  const signOut = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => {});
    qc.clear();
    navigate('/signin', { replace: true });
  };
  const switchProject = () => {
    const current = new URLSearchParams(location.search).get('project') ?? undefined;
    openPalette({
      title: 'Switch project',
      ...(current ? { current } : {}),
      options: (projects.data ?? []).map((p) => ({ id: p.key, label: p.name, hint: p.key })),
      onPick: (key) => {
        if (NOT_PER_PROJECT.test(location.pathname)) return navigate(`/issues?project=${key}`);
        const next = new URLSearchParams(location.search);
        next.set('project', key);
        navigate(`${location.pathname}?${next}`);
      },
    });
  };

  useRegisterActions(
    bindActions('app', {
      palette: () => openPalette(),
      help: () => setHelpOpen(true),
      create: () => create.open(),
      'go-inbox': () => navigate('/notifications'),
      'go-triage': () => navigate(keepProject('/triage')),
      'go-issues': () => navigate(keepProject('/issues')),
      'go-board': () => navigate(keepProject('/board')),
      'go-timeline': () => navigate(keepProject('/timeline')),
      'go-calendar': () => navigate(keepProject('/calendar')),
      'go-settings': () => navigate('/settings'),
      'go-tokens': () => navigate('/settings/tokens'),
      'project-switch': switchProject,
      'theme-toggle': toggleTheme,
      'theme-system': () => setTheme('system'),
      'sign-out': () => void signOut(),
    }),
  );
  return { keepProject };
}
