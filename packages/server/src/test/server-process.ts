import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Real server processes for tests that must see the process from outside (SIGKILL, strace,
 * several API and worker processes on one database).
 */
export const MAIN = join(import.meta.dirname, '../main.ts');
export const WORKER_MAIN = join(import.meta.dirname, '../worker-main.ts');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/**
 * Starts `entry` (main.ts by default) through tsx, optionally behind a wrapper command such as
 * strace, and waits for /healthz when it serves HTTP.
 */
export async function startServerProcess(opts: {
  env: Record<string, string>;
  entry?: string;
  wrap?: string[];
  http?: boolean;
  /** Command-line arguments, e.g. `--role api`. */
  args?: string[];
}): Promise<ServerProcess> {
  const port = opts.http === false ? 0 : await freePort();
  const base = `http://127.0.0.1:${port}`;
  const node = [process.execPath, '--import', 'tsx', opts.entry ?? MAIN, ...(opts.args ?? [])];
  const [cmd, ...args] = [...(opts.wrap ?? []), ...node];
  const child = spawn(cmd!, args, {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'never',
      LOG_LEVEL: 'silent',
      ...opts.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(t);
  };
  if (opts.http !== false) {
    try {
      await waitForHealth(base, child);
    } catch (err) {
      await stop();
      throw err;
    }
  }
  return { child, base, stop };
}

async function waitForHealth(base: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const json = { 'content-type': 'application/json' };

/** Signs a user up, creates project `projectKey` and an ingest key with a generous limit. */
export async function signupWithIngestKey(
  base: string,
  projectKey = 'SHOP',
): Promise<{ cookie: string; publicKey: string }> {
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'owner@example.com', password: 'owner-password', name: 'Owner' }),
  });
  if (signup.status !== 201) throw new Error(`signup answered ${signup.status}`);
  const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
  const auth = { ...json, cookie };
  await fetch(`${base}/api/v1/projects`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ key: projectKey, name: projectKey }),
  });
  const key = await fetch(`${base}/api/v1/projects/${projectKey}/ingest-keys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ rateLimitPerMinute: 1_000_000 }),
  });
  if (key.status !== 201) throw new Error(`ingest key answered ${key.status}`);
  return { cookie, publicKey: ((await key.json()) as { publicKey: string }).publicKey };
}

/** Posts events to Closeloop's own ingest endpoint; returns the HTTP status. */
export async function sendEvents(base: string, publicKey: string, events: unknown[]): Promise<number> {
  const r = await fetch(`${base}/api/ingest/v1/events?key=${publicKey}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ v: 1, events }),
  });
  await r.arrayBuffer();
  return r.status;
}
