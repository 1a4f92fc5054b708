import { FILE_REPORT_JOB, type FileReportPayload, fileUserReport } from '../commands/intake.ts';
import { PASSWORD_RESET_JOB, sendPasswordReset } from '../commands/password-reset.ts';
import type { Services } from '../services.ts';

/** A stored user report is filed (new issue, or +1 on a matching open one) as a job; reset mails too. */
export function defineIntakeJobs(svc: Services): void {
  svc.jobs.define(FILE_REPORT_JOB, async (p: FileReportPayload, ctx) => {
    await fileUserReport(svc, p.reportId, ctx.now, p, ctx.attempt);
  });
  // A "forgot password?" request: answered at once, the mail (if the account exists) made here.
  svc.jobs.define(PASSWORD_RESET_JOB, async (p: { email: string; ip: string | null }) => {
    await sendPasswordReset(svc.store, svc.config.publicUrl, p);
  });
}
