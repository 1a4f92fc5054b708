import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Harness, TestUser } from '../../test/api-client.ts';

/** Shared by the tests that run real Sentry SDKs against a listening Closeloop. */

export interface ProjectKey {
  publicKey: string;
  projectId: string;
}

export async function createProjectWithKey(
  h: Harness,
  project: string,
  keyBody: Record<string, unknown> = {},
): Promise<ProjectKey> {
  const p = await h.req({
    method: 'POST',
    url: '/api/v1/projects',
    as: h.owner,
    payload: { key: project, name: project },
  });
  if (p.status !== 201) throw new Error(`project: ${JSON.stringify(p.body)}`);
  const k = await h.req({
    method: 'POST',
    url: `/api/v1/projects/${project}/ingest-keys`,
    as: h.owner,
    payload: keyBody,
  });
  if (k.status !== 201) throw new Error(`ingest key: ${JSON.stringify(k.body)}`);
  return { publicKey: k.body.publicKey, projectId: String(k.body.dsn).split('/').pop() ?? '' };
}

/** Starts the app on a real loopback port (closed by the harness with the app). */
export async function listen(h: Harness): Promise<number> {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  return (h.app.server.address() as AddressInfo).port;
}

export const dsnFor = (key: ProjectKey, port: number) =>
  `http://${key.publicKey}@127.0.0.1:${port}/${key.projectId}`;

export interface IssueSummary {
  key: string;
  title: string;
  kind: string;
}

export async function issuesOf(
  h: Harness,
  as: TestUser,
  project: string,
  kind = 'error',
): Promise<IssueSummary[]> {
  const r = await h.req({
    method: 'GET',
    url: `/api/v1/issues?project=${project}&kind=${kind}&limit=100`,
    as,
  });
  if (r.status !== 200) throw new Error(`issues: ${JSON.stringify(r.body)}`);
  return r.body.items;
}

export async function monitoringOf(h: Harness, as: TestUser, issueKey: string) {
  const r = await h.req({ method: 'GET', url: `/api/v1/issues/${issueKey}/monitoring`, as });
  if (r.status !== 200) throw new Error(`monitoring: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Polls until the raw log holds `count` events of the project (SDKs send asynchronously). */
export async function waitForLog(
  h: Harness,
  projectId: string,
  count: number,
  timeoutMs = 10_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await h.svc.store.db
      .selectFrom('raw_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', Number(projectId))
      .executeTakeFirstOrThrow();
    const n = Number(row.n);
    if (n >= count || Date.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

/**
 * Runs `source` as an ES module in a child Node process, in a temp folder that sees the repository's
 * node_modules (so it imports the real @sentry/node as an application would); resolves its exit.
 */
export async function runNodeApp(
  source: string,
  args: string[],
): Promise<{ code: number | null; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'closeloop-node-app-'));
  try {
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    await writeFile(path.join(dir, 'app.mjs'), source);
    const child = spawn(process.execPath, [path.join(dir, 'app.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
