import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './test/server-process.ts';

const root = join(import.meta.dirname, '..');

/**
 * What `npm start` runs: the esbuild bundle (build.ts), started with plain node, on a fresh data
 * folder with the demo workspace. The sources through tsx do not show a bundle that cannot find a
 * file beside it (it failed once with ENOENT dist/common-passwords.txt) or warnings while seeding.
 */
describe('the bundled server (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-bundle-'));
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on an empty folder, seeds the demo without warnings, and lets the demo user sign in', async () => {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'build.ts')], { cwd: root });
    const port = await freePort();
    const { PASSWORD_HASH_COST: _cost, NODE_ENV: _env, ...env } = process.env;
    child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/main.mjs')], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${output}`);
      const up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 600) throw new Error(`not up after 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo@closeloop.dev', password: 'closeloop-demo' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const projects = await fetch(`${base}/api/v1/projects`, { headers: { cookie } });
    expect(projects.status).toBe(200);
    const body = (await projects.json()) as unknown[] | { items: unknown[] };
    expect((Array.isArray(body) ? body : body.items).length).toBeGreaterThan(0);
    // Give the jobs the seed enqueued a moment to run, then look for what went wrong on the way.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(output).not.toMatch(/could not|Error|ENOENT|warn/i);
  }, 120_000);
  it("is built as ASCII, so V8 holds the bundle's source one byte a character (idle memory)", () => {
    // The test above built it. One non-ASCII character anywhere made the whole 1.1 MB text two-byte.
    const text = readFileSync(join(root, 'dist/main.mjs'), 'utf8');
    const first = [...text].findIndex((c) => c.charCodeAt(0) > 127);
    expect(first === -1 ? '' : text.slice(Math.max(0, first - 40), first + 20)).toBe('');
  });
});
