import type { ReportServer } from './feedback-options.ts';

/** The project's report rules, as the public form gets them: the description's template and the required prompts. */
export interface ReportRules {
  template: string;
  required: Array<'steps' | 'expected' | 'actual'>;
}

export interface KnownIssue {
  id: number;
  title: string;
}

/** GET one of the ingest API's JSON answers with the page's key; undefined on any failure (offline too). */
async function get<T>(
  server: ReportServer,
  path: string,
  query: Record<string, string> = {},
): Promise<T | undefined> {
  if (!server.fetch) return undefined;
  const params = new URLSearchParams({ key: server.key, ...query });
  try {
    const r = await server.fetch(`${server.origin}/api/ingest/v1/${path}?${params}`, { credentials: 'omit' });
    return r.ok ? ((await r.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The rules reports are filed under (GET /api/ingest/v1/report-form). */
export const reportRules = (server: ReportServer) => get<ReportRules>(server, 'report-form');

/**
 * Open issues the team answered publicly that look like `text` (GET /api/ingest/v1/known-issues):
 * titles only, as on the public form.
 */
export const knownIssues = async (server: ReportServer, text: string): Promise<KnownIssue[]> =>
  (await get<{ items: KnownIssue[] }>(server, 'known-issues', { text: text.slice(0, 2_000) }))?.items ?? [];
