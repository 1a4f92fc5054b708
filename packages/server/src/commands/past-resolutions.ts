import { pastResolutions } from '@closeloop/core/closure/past-resolutions';
import { formatIssueKey, parseIssueKey } from '@closeloop/core/issues/issue-key';
import { assertCan } from '@closeloop/core/permissions/permissions';
import type { PastResolutions } from '@closeloop/shared/api/past-resolutions';
import type { Services } from '../services.ts';
import { lessonsOfKeys } from '../store/lessons-store.ts';
import type { Actor } from './actor.ts';
import { requireIssue } from './issues.ts';
import { similarOfIssueId } from './similarity.ts';

/** How many matches the engine is asked for, so that enough closed ones remain after filtering. */
const CANDIDATES = 20;

/**
 * The closest past issues to an issue and how they were resolved (note and lessons learned), for
 * the issue page and the close dialog: the similarity engine's matches, kept by core/closure.
 */
export async function pastResolutionsOf(
  svc: Services,
  actor: Actor,
  key: string,
  limit: number,
): Promise<PastResolutions> {
  assertCan(actor.role, 'workspace.read');
  const issue = await requireIssue(svc.store, actor.workspaceId, key);
  const similar = await similarOfIssueId(svc.store, actor.workspaceId, issue.id, CANDIDATES);
  const past = pastResolutions(similar.items, limit);
  const lessons = await lessonsOfKeys(
    svc.store,
    actor.workspaceId,
    past.map((m) => parseIssueKey(m.key)),
  );
  const byKey = new Map(lessons.map((l) => [formatIssueKey(l.project_key, Number(l.number)), l]));
  return {
    items: past.map((m) => {
      const l = byKey.get(m.key);
      return {
        key: m.key,
        title: m.title,
        resolution: m.resolution,
        resolutionNote: m.resolutionNote,
        closedAt: m.closedAt,
        score: m.score,
        lessons: l ? { rootCause: l.root_cause, fix: l.fix, prevention: l.prevention } : null,
      };
    }),
  };
}
