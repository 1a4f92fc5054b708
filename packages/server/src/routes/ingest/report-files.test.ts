import { randomBytes } from 'node:crypto';
import { REPORT_FILE_MAX_BYTES, REPORT_FILES_MAX } from '@closeloop/shared/ingest/report-files';
import type { UserReportInput } from '@closeloop/shared/ingest/user-report';
import { beforeAll, expect, it } from 'vitest';
import { useHarness } from '../../test/api-client.ts';
import { describeEachDialect } from '../../test/dialects.ts';
import { createProjectWithKey, type ProjectKey } from '../sentry/sentry-test-kit.ts';

const hex = () => randomBytes(16).toString('hex');
/** The 8-byte PNG signature and a little more: what matters here is the type and size. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]);
const file = (filename: string, contentType: string, bytes: Buffer) => ({
  filename,
  content_type: contentType,
  data: bytes.toString('base64'),
});

/** The widget's screenshot and files arrive with the report; sizes, counts and types are bounded (issue 17). */
describeEachDialect('files of a widget report', (dialect) => {
  const h = useHarness(dialect);
  let key: ProjectKey;
  const send = (over: Partial<UserReportInput>) =>
    h.req({
      method: 'POST',
      url: `/api/ingest/v1/reports?key=${key.publicKey}`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        v: 1,
        events: [{ event_id: hex(), timestamp: Date.now(), description: 'The cart page is blank', ...over }],
      }),
    });
  const storedReports = async () =>
    Number(
      (
        await h.svc.store.db
          .selectFrom('user_reports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    key = await createProjectWithKey(h, 'SHOP');
  });

  it('keeps the screenshot and a file with the report; the issue lists them and serves their bytes', async () => {
    const log = Buffer.from('12:01 cart loaded\n12:02 blank\n');
    const r = await send({
      attachments: [file('screenshot.png', 'image/png', PNG), file('console\r\n/log.txt', 'text/plain', log)],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    await h.svc.jobs.runDue();
    const [issue] = (await h.req({ method: 'GET', url: '/api/v1/issues?project=SHOP', as: h.owner })).body
      .items;
    const reports = await h.req({
      method: 'GET',
      url: `/api/v1/issues/${issue.key}/user-reports`,
      as: h.owner,
    });
    const files = reports.body.items[0].attachments as { id: number; filename: string; size: number }[];
    expect(files.map((f) => [f.filename, f.size])).toEqual([
      ['screenshot.png', PNG.length],
      ['console_log.txt', log.length],
    ]);
    const png = await h.app.inject({
      method: 'GET',
      url: `/api/v1/issues/${issue.key}/user-reports/attachments/${files[0]!.id}`,
      headers: { authorization: `Bearer ${h.owner.token}` },
    });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.equals(PNG)).toBe(true);
  });

  it('refuses with a 400 naming the problem, storing nothing: a type not accepted, too many files, a file too big, not base64', async () => {
    const before = await storedReports();
    const refused = async (attachments: UserReportInput['attachments'], says: RegExp) => {
      const r = await send({ attachments });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid');
      expect(r.body.error.message).toMatch(says);
    };
    await refused(
      [file('page.html', 'text/html', Buffer.from('<script>alert(1)</script>'))],
      /type not accepted/,
    );
    await refused([file('a.svg', 'image/svg+xml', Buffer.from('<svg/>'))], /type not accepted/);
    await refused(
      Array.from({ length: REPORT_FILES_MAX + 1 }, (_, i) => file(`${i}.png`, 'image/png', PNG)),
      /attachments/,
    );
    await refused([file('big.png', 'image/png', Buffer.alloc(REPORT_FILE_MAX_BYTES + 3))], /over/);
    await refused([{ filename: 'x.txt', content_type: 'text/plain', data: 'not base64!' }], /base64/);
    expect(await storedReports()).toBe(before);
  });

  it('refuses a body over the limit before parsing it with a 413 JSON error', async () => {
    const r = await send({
      attachments: Array.from({ length: REPORT_FILES_MAX }, (_, i) =>
        file(`${i}.png`, 'image/png', Buffer.alloc(REPORT_FILE_MAX_BYTES)),
      ).concat([{ filename: 'pad.txt', content_type: 'text/plain', data: 'A'.repeat(5 * 1024 * 1024) }]),
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBeTruthy();
  });
});
