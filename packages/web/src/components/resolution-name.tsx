import { parseIssueKey } from '@closeloop/core/issues/issue-key';
import { useResolutionName } from '../lib/resolutions.ts';

/**
 * How a past issue was resolved, by the name its project gives the resolution today (an admin may
 * have renamed it since): the project is the issue key's prefix, its list is fetched once and shared.
 */
export function ResolutionName({ issueKey, resolution }: { issueKey: string; resolution: string | null }) {
  return <>{useResolutionName(parseIssueKey(issueKey).projectKey, resolution) ?? 'closed'}</>;
}
