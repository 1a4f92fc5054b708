import { Navigate, useLocation } from 'react-router';

/** The query of the "breaching soon" view: warned clocks first by how soon they are due. */
export const BREACHING_SOON_QUERY = 'sla:breaching';

/**
 * The "Breaching soon" view of the sidebar: the issue list filtered to issues whose SLA clock has
 * passed its warning share and not yet breached (`sla:breaching`), in the current project if one is chosen.
 */
export function BreachingSoonPage() {
  const project = new URLSearchParams(useLocation().search).get('project');
  const params = new URLSearchParams({ q: BREACHING_SOON_QUERY });
  if (project) params.set('project', project);
  return <Navigate to={`/issues?${params}`} replace />;
}
