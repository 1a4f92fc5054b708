import { assertCan } from '@closeloop/core/permissions/permissions';
import type { RecordedRelease, RecordReleaseBody } from '@closeloop/shared/api/releases';
import type { Services } from '../services.ts';
import { noteRelease, releaseFirstSeen } from '../store/groups-store.ts';
import { addReleaseCommits, countReleaseCommits, issueKeysOf } from '../store/release-commits-store.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { tieFixesToRelease } from './fix-verification.ts';
import { requireProject } from './projects.ts';

/**
 * Records a release from the API (a deploy step in CI), the way SDK events record the ones they
 * carry: first seen now unless already seen. Its commits tie the `Fixes KEY` fixes waiting for
 * them, in the same transaction, so they await verification in this release.
 */
export async function recordRelease(
  svc: Services,
  actor: Actor,
  projectKey: string,
  body: RecordReleaseBody,
  now = Date.now(),
): Promise<{ created: boolean; release: RecordedRelease }> {
  assertCan(actor.role, 'ingest-key.manage');
  return inTransaction(svc.store, async (tx) => {
    const project = await requireProject(tx, actor.workspaceId, projectKey);
    const seen = await releaseFirstSeen(tx, project.id, body.version);
    if (seen === null) await noteRelease(tx, project.id, body.version, now);
    await addReleaseCommits(tx, project.id, body.version, body.commits, now);
    const tied = await tieFixesToRelease(tx, project.id, body.version, body.commits);
    return {
      created: seen === null,
      release: {
        release: body.version,
        firstSeen: new Date(Number(seen ?? now)).toISOString(),
        commits: await countReleaseCommits(tx, project.id, body.version),
        fixes: await issueKeysOf(tx, actor.workspaceId, tied),
      },
    };
  });
}
