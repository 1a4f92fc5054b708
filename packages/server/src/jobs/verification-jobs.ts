import { verifyFixes } from '../commands/fix-verification.ts';
import type { Services } from '../services.ts';

/** How often the worker looks at fixes awaiting verification: traffic accrues over hours, not seconds. */
export const VERIFY_FIXES_MS = 5 * 60_000;

/** `closure.verify-fixes`: the recurring pass that confirms or reopens machine-found fixes. */
export function defineVerificationJobs(svc: Services): void {
  svc.jobs.every('closure.verify-fixes', VERIFY_FIXES_MS, async (_p, ctx) => {
    await verifyFixes(svc, ctx.now);
  });
}
