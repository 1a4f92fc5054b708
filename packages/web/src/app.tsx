import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ActionsProvider } from './actions/registry.tsx';
import { useMe } from './api/hooks.ts';
import { Layout } from './components/layout.tsx';
import { ToastProvider } from './components/toasts.tsx';
import { ErrorState, Spinner } from './components/ui.tsx';
import { SignInPage, SignUpPage } from './pages/auth.tsx';
import { BoardPage } from './pages/board.tsx';
import { BreachingSoonPage } from './pages/breaching-soon.tsx';
import { IssuePage } from './pages/issue-page.tsx';
import { IssuesPage } from './pages/issues.tsx';
import { NotificationsPage } from './pages/notifications.tsx';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password-reset.tsx';
import { SsoCallbackPage, SsoSignInPage } from './pages/sso-sign-in.tsx';
import { TriagePage } from './pages/triage.tsx';
import { WorkloadPage } from './pages/workload.tsx';

// Heavy, less-visited pages load on demand so the first load (list, board, issue) stays small.
const TimelinePage = lazy(() => import('./pages/timeline.tsx').then((m) => ({ default: m.TimelinePage })));
const CalendarPage = lazy(() => import('./pages/calendar.tsx').then((m) => ({ default: m.CalendarPage })));
const ProjectSetupPage = lazy(() =>
  import('./pages/project-setup.tsx').then((m) => ({ default: m.ProjectSetupPage })),
);
const SetupRedirect = lazy(() =>
  import('./pages/project-setup.tsx').then((m) => ({ default: m.SetupRedirect })),
);
const ReportsPage = lazy(() => import('./pages/reports.tsx').then((m) => ({ default: m.ReportsPage })));
const ReleasesPage = lazy(() => import('./pages/releases.tsx').then((m) => ({ default: m.ReleasesPage })));
const KnowledgePage = lazy(() => import('./pages/knowledge.tsx').then((m) => ({ default: m.KnowledgePage })));
const PerformancePage = lazy(() =>
  import('./pages/performance.tsx').then((m) => ({ default: m.PerformancePage })),
);
const SessionsPage = lazy(() =>
  import('./pages/replay/sessions.tsx').then((m) => ({ default: m.SessionsPage })),
);
const ReplayPage = lazy(() =>
  import('./pages/replay/replay-page.tsx').then((m) => ({ default: m.ReplayPage })),
);
// The signed-out pages of the public report form and its tracking link (issue 17.2).
const PublicReportPage = lazy(() =>
  import('./pages/public/report-form.tsx').then((m) => ({ default: m.PublicReportPage })),
);
const TrackingPage = lazy(() =>
  import('./pages/public/tracking.tsx').then((m) => ({ default: m.TrackingPage })),
);
const SettingsPage = lazy(() => import('./pages/settings.tsx').then((m) => ({ default: m.SettingsPage })));

export function App() {
  return (
    <ToastProvider>
      <ActionsProvider>
        <Routes>
          <Route path="/signin" element={<SignInPage />} />
          <Route path="/signin/sso" element={<SsoSignInPage />} />
          <Route path="/sso/callback" element={<SsoCallbackPage />} />
          <Route path="/signup" element={<SignUpPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          {/* Signed out by design: people without an account report and follow their report here. */}
          <Route path="/report/:formId" element={<Public page={<PublicReportPage />} />} />
          <Route path="/track/:token" element={<Public page={<TrackingPage />} />} />
          <Route path="*" element={<Authed />} />
        </Routes>
      </ActionsProvider>
    </ToastProvider>
  );
}

function Public({ page }: { page: ReactNode }) {
  return <Suspense fallback={<Spinner label="Loading page" />}>{page}</Suspense>;
}

function Authed() {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <Spinner label="Loading Closeloop" />;
  if (me.isError) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  if (!me.data)
    return (
      <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  // The workspace requires two-factor sign-in and this person has it off: the server answers
  // only their own settings until they set it up, so the app goes straight there.
  if (me.data.mustEnrolTwoFactor && location.pathname !== '/settings/two-factor')
    return <Navigate to="/settings/two-factor" replace />;
  return (
    <Layout me={me.data}>
      <Suspense fallback={<Spinner label="Loading page" />}>
        <Routes>
          <Route path="/" element={<Navigate to="/issues" replace />} />
          <Route path="/issues" element={<IssuesPage />} />
          <Route path="/board" element={<BoardPage />} />
          <Route path="/timeline" element={<TimelinePage />} />
          <Route path="/calendar" element={<CalendarPage />} />
          <Route path="/triage" element={<TriagePage />} />
          <Route path="/breaching" element={<BreachingSoonPage />} />
          <Route path="/workload" element={<WorkloadPage />} />
          <Route path="/notifications" element={<NotificationsPage />} />
          <Route path="/knowledge" element={<KnowledgePage />} />
          <Route path="/releases" element={<ReleasesPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/performance" element={<PerformancePage />} />
          <Route path="/sessions" element={<SessionsPage />} />
          <Route path="/projects/:key/sessions/:sessionId" element={<ReplayPage />} />
          <Route path="/issue/:key" element={<IssuePage />} />
          {/* Emails and other tools link to /issues/KEY. */}
          <Route path="/issues/:key" element={<IssuePage />} />
          <Route path="/settings" element={<Navigate to="/settings/tokens" replace />} />
          <Route path="/settings/:tab" element={<SettingsPage />} />
          <Route path="/setup" element={<SetupRedirect />} />
          <Route path="/projects/:key/setup" element={<ProjectSetupPage />} />
          <Route path="*" element={<ErrorState error={new Error('This page does not exist.')} />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
