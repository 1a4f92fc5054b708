import type { Me } from '@closeloop/shared/api/accounts';
import { type ReactNode, useState } from 'react';
import { NavLink } from 'react-router';
import { CATALOGUE } from '../actions/catalogue.ts';
import { displayShortcut } from '../actions/keys.ts';
import { useActions } from '../actions/registry.tsx';
import { useLiveUpdates } from '../lib/live.ts';
import { useUnreadCount } from '../pages/notifications.tsx';
import { ActionMenu } from './action-menu.tsx';
import { useAppActions } from './app-actions.ts';
import { CreateIssueDialog, CreateIssueProvider, useCreateIssue } from './create-issue.tsx';
import { Logo } from './logo.tsx';
import { CommandPalette, ShortcutHelp } from './palette.tsx';
import { PromptProvider } from './prompt-dialog.tsx';
import { ResolutionProvider } from './resolution-dialog.tsx';
import { KeysOf } from './shortcut-keys.tsx';
import { Avatar } from './ui.tsx';

const icon = (d: string) => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
    <path
      d={d}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);
const NAV = [
  { to: '/notifications', label: 'Inbox', icon: icon('M2 9h3l1 2h4l1-2h3M2 9l2-6h8l2 6v4H2z') },
  { to: '/triage', label: 'Triage', icon: icon('M2 3h12L9.5 8.5V13l-3-1.5v-3z') },
  {
    to: '/breaching',
    label: 'Breaching soon',
    icon: icon('M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM8 5v3.5l2 1.5'),
  },
  { to: '/workload', label: 'Workload', icon: icon('M2.5 4h11M2.5 8h7M2.5 12h9') },
  { to: '/issues', label: 'Issues', icon: icon('M3 4h10M3 8h10M3 12h10') },
  { to: '/board', label: 'Board', icon: icon('M2.5 2.5h3v11h-3zM6.5 2.5h3v7h-3zM10.5 2.5h3v9h-3z') },
  { to: '/timeline', label: 'Timeline', icon: icon('M2 4h7M5 8h8M3 12h6') },
  { to: '/calendar', label: 'Calendar', icon: icon('M2.5 3.5h11v10h-11zM2.5 6.5h11M5.5 2v3M10.5 2v3') },
  { to: '/reports', label: 'Reports', icon: icon('M2.5 13.5h11M4 11V7M7 11V4M10 11V8M13 11V5') },
  { to: '/performance', label: 'Performance', icon: icon('M2 13h12M3 11l3-4 3 2 4-6') },
  { to: '/sessions', label: 'Sessions', icon: icon('M3 3h10v8H3zM7 6l3 2-3 2z') },
  { to: '/releases', label: 'Releases', icon: icon('M3 3h6l4 4-6 6-4-4zM6 6h.01') },
  { to: '/knowledge', label: 'Knowledge', icon: icon('M3 2.5h8.5v11H3zM5.5 5.5h4M5.5 8h4M11.5 4.5h1.5v9') },
  { to: '/setup', label: 'SDK setup', icon: icon('M5 4L1.5 8 5 12M11 4l3.5 4-3.5 4M9.5 2.5l-3 11') },
  {
    to: '/settings',
    label: 'Settings',
    icon: icon(
      'M8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
    ),
  },
];

export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  return (
    <CreateIssueProvider>
      <ResolutionProvider>
        <PromptProvider>
          <Shell me={me}>{children}</Shell>
        </PromptProvider>
      </ResolutionProvider>
    </CreateIssueProvider>
  );
}

function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { openPalette, perform } = useActions();
  const create = useCreateIssue();
  const [menuOpen, setMenuOpen] = useState(false);
  const unread = useUnreadCount();
  useLiveUpdates();
  const { keepProject } = useAppActions();
  const themeKeys = displayShortcut(CATALOGUE['theme-toggle'].shortcut).join(' ');

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <nav className={`sidebar${menuOpen ? ' open' : ''}`} aria-label="Main">
        <div className="sidebar-head">
          <Logo />
          <button
            type="button"
            className="btn btn-ghost icon-btn mobile-only"
            aria-label="Close menu"
            onClick={() => setMenuOpen(false)}
          >
            ×
          </button>
        </div>
        <button type="button" className="btn search-btn" onClick={() => openPalette()} aria-haspopup="dialog">
          Search or command… <KeysOf id="palette" />
        </button>
        <button
          type="button"
          className="btn btn-primary"
          style={{ margin: '0 2px 8px' }}
          onClick={() => create.open()}
        >
          + New issue{' '}
          <span className="keys-on-primary">
            <KeysOf id="create" />
          </span>
        </button>
        <div className="nav-section">{me.workspace.name}</div>
        {NAV.map((n) => (
          <NavLink
            key={n.to}
            to={n.to === '/settings' ? n.to : keepProject(n.to)}
            className="nav-link"
            onClick={() => setMenuOpen(false)}
          >
            {n.icon}
            {n.label}
            {n.to === '/notifications' && unread > 0 && <span className="nav-badge">{unread}</span>}
          </NavLink>
        ))}
        <div className="sidebar-foot">
          <Avatar name={me.user.name} size={24} />
          <span className="who" title={me.user.email}>
            {me.user.name}
          </span>
          <button
            type="button"
            className="btn btn-ghost icon-btn"
            aria-label="Toggle dark or light theme"
            title={`${CATALOGUE['theme-toggle'].title} (${themeKeys})`}
            onClick={() => perform('theme-toggle')}
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.4" />
              <path d="M8 2a6 6 0 0 1 0 12z" fill="currentColor" />
            </svg>
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => perform('sign-out')}>
            {CATALOGUE['sign-out'].title}
          </button>
        </div>
      </nav>
      <div className="main">
        <button
          type="button"
          className="btn btn-ghost mobile-only"
          style={{ position: 'fixed', top: 9, left: 6, zIndex: 20 }}
          aria-label="Open menu"
          onClick={() => setMenuOpen(true)}
        >
          ☰
        </button>
        <main id="main" className="main" style={{ flex: 1 }}>
          {children}
        </main>
      </div>
      <CreateIssueDialog />
      <CommandPalette />
      <ShortcutHelp />
      <ActionMenu />
    </div>
  );
}

/** Page header: title on the left, page controls on the right; leaves room for the phone menu button. */
export function TopBar({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <header className="topbar">
      <span className="mobile-only" style={{ width: 28 }} />
      <h1 title={typeof title === 'string' ? title : undefined}>{title}</h1>
      <div className="spacer" />
      {children}
    </header>
  );
}
