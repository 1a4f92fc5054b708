import { reportCsvQuery, reportQuery, reportSchema } from '@closeloop/shared/api/reports';
import { buildReport, reportCsv } from '../../commands/reports.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { ZApp } from '../../http/zod-app.ts';
import type { Services } from '../../services.ts';

const tags = ['reports'];

export function registerReportRoutes(app: ZApp, svc: Services) {
  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary:
          'Open issues, created vs closed, response/acknowledge/resolution times, ageing, reopen and regression rates',
        querystring: reportQuery,
        response: { 200: reportSchema },
      },
    },
    async (req) => buildReport(svc, await actorOf(svc, req), req.query),
  );
  app.get(
    '/api/v1/reports/csv',
    { schema: { tags, summary: 'One table of a report as CSV', querystring: reportCsvQuery } },
    async (req, reply) => {
      const { filename, csv } = await reportCsv(svc, await actorOf(svc, req), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
