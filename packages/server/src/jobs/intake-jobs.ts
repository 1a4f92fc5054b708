import { FILE_REPORT_JOB, type FileReportPayload, fileUserReport } from '../commands/intake.ts';
import type { Services } from '../services.ts';

/** A stored user report is filed (new issue, or +1 on a matching open one) as a job. */
export function defineIntakeJobs(svc: Services): void {
  svc.jobs.define(FILE_REPORT_JOB, async (p: FileReportPayload, ctx) => {
    await fileUserReport(svc, p.reportId, ctx.now, p.sameAs);
  });
}
