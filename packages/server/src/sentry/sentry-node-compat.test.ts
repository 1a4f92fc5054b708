import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestEventSchema } from '@closeloop/shared/ingest/event';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EnvelopeResult, handleEnvelope } from './envelope-handler.ts';

/**
 * Runs the real @sentry/node in a child process against a bare node:http receiver and feeds the
 * captured bytes to handleEnvelope: the parser is checked against what a Sentry SDK really sends.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

interface Captured {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const APP = `
import * as Sentry from '@sentry/node';
const [port, lifecycle] = process.argv.slice(2);
Sentry.init({
  dsn: 'http://pubkey@127.0.0.1:' + port + '/42',
  release: 'shop@1.4.0',
  environment: 'staging',
  tracesSampleRate: 1,
  traceLifecycle: lifecycle,
});
Sentry.setUser({ id: 'u-17', email: 'ada@example.com' });
Sentry.setTag('region', 'eu');

function checkout(cart) {
  return cart.items.length;
}
try {
  checkout(undefined);
} catch (error) {
  Sentry.captureException(error);
}

Sentry.withScope((scope) => {
  scope.setFingerprint(['{{ default }}', 'payments']);
  Sentry.captureMessage('payment gateway slow', 'warning');
});

Sentry.startSpan({ name: 'GET /checkout', op: 'http.server' }, () => {
  Sentry.startSpan({ name: 'SELECT cart', op: 'db.query' }, () => {});
});

// Over 32 KiB, so the SDK's transport gzips the body.
Sentry.withScope((scope) => {
  scope.setExtra('payload', 'x'.repeat(40_000));
  Sentry.captureException(new RangeError('big payload'));
});

await Sentry.flush(5000);
`;

async function runSdk(lifecycle: 'stream' | 'static'): Promise<Captured[]> {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = await mkdtemp(path.join(tmpdir(), 'closeloop-sentry-'));
  try {
    // The script lives outside the repo; a node_modules link lets it import '@sentry/node' by name.
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    await writeFile(path.join(dir, 'app.mjs'), APP);
    const { port } = server.address() as AddressInfo;
    const child = spawn(process.execPath, [path.join(dir, 'app.mjs'), String(port), lifecycle], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stderr).toBe(0);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
  return captured;
}

async function handleAll(captured: Captured[]): Promise<EnvelopeResult[]> {
  const results: EnvelopeResult[] = [];
  for (const request of captured) {
    const url = new URL(request.path, 'http://127.0.0.1');
    const match = /^\/api\/(\d+)\/envelope\/$/.exec(url.pathname);
    expect(match, request.path).not.toBeNull();
    results.push(
      await handleEnvelope(request.body, {
        headers: request.headers,
        query: url.searchParams,
        projectIdFromPath: match?.[1] ?? '',
      }),
    );
  }
  return results;
}

const sdkVersion = JSON.parse(
  await readFile(path.join(repoRoot, 'node_modules/@sentry/node/package.json'), 'utf8'),
) as { version: string };

describe(`real @sentry/node ${sdkVersion.version}`, () => {
  let streamed: { captured: Captured[]; results: EnvelopeResult[] };
  let classic: { captured: Captured[]; results: EnvelopeResult[] };

  beforeAll(async () => {
    const [a, b] = await Promise.all([runSdk('stream'), runSdk('static')]);
    streamed = { captured: a, results: await handleAll(a) };
    classic = { captured: b, results: await handleAll(b) };
  }, 60_000);

  it('authenticates by sentry_key in the query string and rejects no item', () => {
    for (const run of [streamed, classic]) {
      expect(run.results.length).toBeGreaterThan(0);
      for (const result of run.results) {
        expect(result.publicKey).toBe('pubkey');
        expect(result.auth.source).toBe('query');
        expect(result.auth.client).toMatch(/^sentry\.javascript\.node\//);
        expect(result.rejected).toEqual([]);
      }
    }
  });

  it('maps a thrown error with in-app frames, release, environment, user, tags and contexts', () => {
    const events = streamed.results.flatMap((r) => r.events);
    const error = events.find((e) => e.exception?.type === 'TypeError');
    expect(error).toBeDefined();
    if (!error) return;
    expect(() => ingestEventSchema.parse(error)).not.toThrow();
    expect(error.type).toBe('error');
    expect(error.level).toBe('error');
    expect(error.platform).toBe('node');
    expect(error.release).toBe('shop@1.4.0');
    expect(error.environment).toBe('staging');
    expect(error.user).toMatchObject({ id: 'u-17', email: 'ada@example.com' });
    expect(error.tags).toMatchObject({ region: 'eu' });
    expect(error.exception?.value).toMatch(/items/);
    expect(error.exception?.mechanism).toMatchObject({ type: expect.any(String), handled: true });
    const inApp = error.exception?.frames.filter((f) => f.in_app) ?? [];
    const thrower = inApp.at(-1);
    expect(thrower?.function).toBe('checkout');
    expect(thrower?.filename).toMatch(/app\.mjs$/);
    expect(thrower?.lineno).toBeGreaterThan(0);
    expect(thrower?.context_line).toContain('cart.items.length');
    expect(error.contexts?.runtime).toMatchObject({ name: 'node' });
    expect(error.contexts?.os).toHaveProperty('name');
    expect(error.sdk?.name).toBe('sentry.javascript.node');
    // The answer id is the event's id.
    const owner = streamed.results.find((r) => r.events.includes(error));
    expect(owner?.eventId).toBe(error.event_id);
  });

  it('maps captureMessage with a custom fingerprint as a message event', () => {
    const events = streamed.results.flatMap((r) => r.events);
    const message = events.find((e) => e.message?.formatted === 'payment gateway slow');
    expect(message).toBeDefined();
    expect(message?.type).toBe('message');
    expect(message?.level).toBe('warning');
    expect(message?.exception).toBeUndefined();
    expect(message?.fingerprint).toEqual(['{{ default }}', 'payments']);
  });

  it('decodes the gzip body the SDK sends above 32 KiB', () => {
    const gzipped = streamed.captured.filter((c) => c.headers['content-encoding'] === 'gzip');
    expect(gzipped.length).toBeGreaterThan(0);
    const events = streamed.results.flatMap((r) => r.events);
    const big = events.find((e) => e.exception?.type === 'RangeError');
    expect(big?.exception?.value).toBe('big payload');
    expect(String(big?.extra?.payload).length).toBeGreaterThan(1_000);
  });

  it('maps streamed spans (the v11 default) to a transaction with its child span', () => {
    const transactions = streamed.results.flatMap((r) => r.transactions);
    const tx = transactions.find((t) => t.route === 'GET /checkout');
    expect(tx).toBeDefined();
    expect(tx?.type).toBe('transaction');
    expect(tx?.release).toBe('shop@1.4.0');
    expect(tx?.environment).toBe('staging');
    expect(tx?.transaction).toMatchObject({ name: 'GET /checkout', op: 'http.server' });
    expect(tx?.transaction?.spans).toEqual([
      expect.objectContaining({ op: 'db.query', description: 'SELECT cart' }),
    ]);
  });

  it('maps a classic transaction item (traceLifecycle: static)', () => {
    const transactions = classic.results.flatMap((r) => r.transactions);
    const tx = transactions.find((t) => t.route === 'GET /checkout');
    expect(tx).toBeDefined();
    expect(tx?.transaction).toMatchObject({ name: 'GET /checkout', op: 'http.server' });
    expect(tx?.transaction?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(tx?.transaction?.spans).toEqual([
      expect.objectContaining({ op: 'db.query', description: 'SELECT cart' }),
    ]);
  });

  it('turns session updates into release-health updates', () => {
    const updates = streamed.results.flatMap((r) => r.sessions.updates);
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      expect(update.release).toBe('shop@1.4.0');
      expect(update.environment).toBe('staging');
      expect(update.sid).toMatch(/^[0-9a-f]{32}$/);
      expect(update.started).toBeInstanceOf(Date);
    }
    expect(updates.some((u) => u.init)).toBe(true);
  });
});
