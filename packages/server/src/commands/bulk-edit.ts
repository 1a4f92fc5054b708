import { assertCan } from '@closeloop/core/permissions/permissions';
import type { Issue } from '@closeloop/shared/api/issues';
import type { BulkEdit } from '@closeloop/shared/api/relations';
import { AppError } from '@closeloop/shared/errors';
import type { Services } from '../services.ts';
import { inTransaction } from '../store/transaction.ts';
import type { Actor } from './actor.ts';
import { applyIssueUpdate, type IssueEdit, publishIssueUpdated, requireIssue } from './issues.ts';

export interface BulkFailure {
  key: string;
  code: AppError['code'];
  message: string;
  details: unknown;
}

/** The edit one issue of the batch receives: label additions and removals become its new label set. */
function editFor(before: Issue, set: BulkEdit['set']): IssueEdit {
  const { addLabels, removeLabels, ...rest } = set;
  const edit: IssueEdit = { ...rest };
  if (addLabels || removeLabels) {
    const drop = new Set(removeLabels ?? []);
    const labels = [...new Set([...before.labels, ...(addLabels ?? [])])].filter((l) => !drop.has(l));
    edit.labels = labels;
  }
  return edit;
}

/**
 * Applies one edit to many issues atomically: every issue goes through the same rules as a single
 * edit (applyIssueUpdate), inside one transaction. Every key is tried so the answer lists all
 * failures at once; any failure rolls the whole batch back. The error carries the failures'
 * common code (404 when every failure is an unknown key), or `unprocessable` when they differ.
 * After the commit, each issue that changed gets its own change on the bus.
 */
export async function bulkEditIssues(svc: Services, actor: Actor, input: BulkEdit) {
  assertCan(actor.role, 'issue.update');
  // One order for every batch, so two overlapping batches lock rows in the same order and cannot deadlock.
  const keys = [...new Set(input.keys.map((k) => k.trim().toUpperCase()))].sort();
  const results = await inTransaction(svc.store, async (tx) => {
    const done: { after: Issue; fields: string[] }[] = [];
    const failures: BulkFailure[] = [];
    for (const key of keys) {
      try {
        const before = await requireIssue(tx, actor.workspaceId, key);
        done.push(await applyIssueUpdate(tx, actor, before, editFor(before, input.set)));
      } catch (err) {
        // Rule violations are thrown before the issue is written, so the transaction is still usable
        // for the remaining keys; anything else (a database failure) aborts at once.
        if (!(err instanceof AppError)) throw err;
        failures.push({ key, code: err.code, message: err.message, details: err.details });
      }
    }
    if (failures.length > 0) {
      const codes = new Set(failures.map((f) => f.code));
      const code = codes.size === 1 ? failures[0]!.code : 'unprocessable';
      throw new AppError(
        code,
        `${failures.length} of ${keys.length} issues cannot be edited; nothing was changed`,
        {
          failures,
        },
      );
    }
    return done;
  });
  for (const r of results) publishIssueUpdated(svc, actor, r);
  return {
    items: results.map((r) => r.after),
    changed: results.filter((r) => r.fields.length > 0).map((r) => r.after.key),
  };
}
