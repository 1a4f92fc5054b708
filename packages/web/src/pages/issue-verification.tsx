import type { FixVerification, ResolutionModeBody } from '@closeloop/shared/api/fix-verification';
import type { Issue } from '@closeloop/shared/api/issues';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';

const queryKey = (key: string) => ['verification', key];

/** Records when a machine-found fix ships; the worker verifies it against that release's data. */
export async function writeFixMode(qc: QueryClient, key: string, body: ResolutionModeBody) {
  await api(`/issues/${key}/verification`, { method: 'PUT', body });
  await qc.invalidateQueries({ queryKey: queryKey(key) });
}

function headline(v: FixVerification): string {
  const release = v.release ?? 'the next release';
  switch (v.state) {
    case 'awaiting_release':
      return `Awaiting verification in ${release} (not seen yet)`;
    case 'awaiting_verification':
      return `Awaiting verification in ${release}`;
    case 'stalled':
      return `Still awaiting verification in ${release}`;
    case 'verified':
      return `Verified in ${release}`;
    case 'not_fixed':
      return `Not fixed in ${release}`;
  }
}

/** A machine-found fix's verification: awaiting it in a release, or its verdict with the evidence. */
export function IssueVerification({ issue }: { issue: Issue }) {
  const q = useQuery({
    queryKey: queryKey(issue.key),
    queryFn: () => api<{ verification: FixVerification | null }>(`/issues/${issue.key}/verification`),
    enabled: issue.kind !== 'manual',
  });
  const v = q.data?.verification;
  if (!v) return null;
  // A plain alert is the danger tone: the data say the fix did not hold.
  const tone = v.state === 'not_fixed' ? '' : v.state === 'stalled' ? ' alert-warning' : ' alert-info';
  return (
    <section aria-label="Fix verification" className={`alert${tone}`} style={{ marginTop: 16 }}>
      <strong>{headline(v)}</strong>: {v.evidence}
    </section>
  );
}
