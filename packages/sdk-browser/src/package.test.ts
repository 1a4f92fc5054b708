/**
 * The browser SDK as its users get it: `npm pack`, installed offline into a fresh project outside
 * the repository. Node resolves the package's entries by name and imports the ESM one; real
 * Chromium runs the script-tag build and the ESM entry from the installed files against a
 * loopback receiver; and the declarations type a user's code with nothing of the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type IngestEvent, ingestBatchSchema } from '@closeloop/shared/ingest/event';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Installed,
  packAndInstall,
  runIn,
  shapeOf,
  typecheckIn,
} from '../../sdk-core/pack-and-install.ts';
import { buildPackage } from '../build.ts';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) {
  console.warn(`\n!!! ${CHROMIUM} not found: SKIPPING the packed browser SDK in real Chromium !!!\n`);
}

describe('the packed @closeloop/sdk-browser in a fresh project', () => {
  let installed: Installed;
  let server: Server;
  let origin = '';
  const received: IngestEvent[] = [];
  /** Batches the ingest contract refuses (there must be none). */
  const invalid: string[] = [];

  beforeAll(async () => {
    installed = await packAndInstall(packageRoot, buildPackage);
    // One loopback server: the user's pages, the installed package's files under /pkg/, and the ingest endpoint.
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (
        req.method === 'POST' &&
        url.pathname === '/api/ingest/v1/events' &&
        url.searchParams.get('key') === 'pk'
      ) {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          try {
            let body = Buffer.concat(chunks);
            if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
            received.push(
              ...(ingestBatchSchema.parse(JSON.parse(body.toString('utf8'))).events as IngestEvent[]),
            );
            res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1,"rejected":[]}');
          } catch (err) {
            invalid.push(String(err));
            res.writeHead(400).end();
          }
        });
        return;
      }
      if (url.pathname.startsWith('/pkg/')) {
        const file = join(installed.packageDir, url.pathname.slice('/pkg/'.length));
        if (!file.startsWith(installed.packageDir) || !existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, {
          'content-type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream',
        });
        res.end(readFileSync(file));
        return;
      }
      const page = PAGES[url.pathname];
      if (page) res.writeHead(200, { 'content-type': 'text/html' }).end(page(origin));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(() => {
    server?.close();
    installed?.remove();
  });

  /** Where Node's resolution (the package's `exports`) takes `specifier`, relative to the installed package. */
  const resolved = (specifier: string) =>
    relative(installed.packageDir, createRequire(join(installed.project, 'package.json')).resolve(specifier));

  it('holds the builds, their declarations and the README, no sources, and depends on nothing', () => {
    expect(installed.files).toEqual(
      expect.arrayContaining([
        'README.md',
        'dist/closeloop.esm.js',
        'dist/closeloop.iife.js',
        'dist/closeloop.debug.iife.js',
        'dist/closeloop.replay.iife.js',
        'dist/replay/sdk-replay.js',
        'dist/replay/recorder.js',
        'dist/feedback/sdk-feedback.js',
        'dist/feedback/widget.js',
        'dist/feedback/closeloop.feedback.iife.js',
        'dist/types/sdk-browser/src/sdk.d.ts',
        'dist/types/sdk-browser/src/sdk-replay.d.ts',
        'dist/types/sdk-browser/src/sdk-feedback.d.ts',
      ]),
    );
    // error-stack-parser, web-vitals and rrweb's recorder are bundled: the install brings nothing else.
    expect(shapeOf(installed)).toEqual({
      sources: [],
      dependencies: undefined,
      installed: ['@closeloop'],
      readmeFirstLine: '`npm install @closeloop/sdk-browser`',
    });
  });

  it('resolves its entries by name, and the main entry imports in Node (init without a DOM returns undefined)', async () => {
    expect(resolved('@closeloop/sdk-browser')).toBe('dist/closeloop.esm.js');
    expect(resolved('@closeloop/sdk-browser/replay')).toBe('dist/replay/sdk-replay.js');
    expect(resolved('@closeloop/sdk-browser/feedback')).toBe('dist/feedback/sdk-feedback.js');
    expect(resolved('@closeloop/sdk-browser/dist/closeloop.iife.js')).toBe('dist/closeloop.iife.js');
    const out = await runIn(
      installed.project,
      `import * as sdk from '@closeloop/sdk-browser';
const client = sdk.init({ dsn: 'http://pk@127.0.0.1:1/1' });
console.log(JSON.stringify({ names: Object.keys(sdk).sort(), client: client === undefined ? 'none' : 'some', id: sdk.captureException(new Error('x')) ?? null }));
`,
    );
    const result = JSON.parse(out.trim());
    expect(result.names).toEqual(
      expect.arrayContaining([
        'SDK_VERSION',
        'addBreadcrumb',
        'captureException',
        'captureMessage',
        'close',
        'flush',
        'getClient',
        'init',
        'setTag',
        'setUser',
      ]),
    );
    expect(result).toMatchObject({ client: 'none', id: null });
  });

  it.skipIf(!hasChromium && !process.env.CI)(
    'the script-tag build and the ESM entry, loaded from the installed files in Chromium, deliver events',
    async () => {
      let browser: Browser | undefined;
      try {
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        });
        const page = await browser.newPage();
        PAGES['/esm.html'] = (o) => esmPage(o, resolved('@closeloop/sdk-browser'));

        await page.goto(`${origin}/iife.html`);
        expect(await page.evaluate(() => (window as unknown as { done: Promise<boolean> }).done)).toBe(true);
        const fromTag = received.find((e) => e.type === 'error');
        expect(fromTag).toMatchObject({
          platform: 'browser',
          release: 'packed@1.0.0',
          user: { id: 'u-packed' },
          tags: { installed_from: 'script-tag' },
          exception: { type: 'Error', value: 'thrown under the script-tag build' },
        });
        expect(fromTag?.breadcrumbs?.map((b) => b.message)).toContain('before the error');

        await page.goto(`${origin}/esm.html`);
        await page.waitForFunction(() => 'done' in window);
        expect(await page.evaluate(() => (window as unknown as { done: Promise<boolean> }).done)).toBe(true);
        expect(invalid).toEqual([]);
        expect(received.find((e) => e.type === 'message')).toMatchObject({
          level: 'warning',
          message: { formatted: 'hello from the ESM entry' },
          tags: { installed_from: 'esm' },
        });
      } finally {
        await browser?.close();
      }
    },
    60_000,
  );

  it('its declarations type a user’s code with nothing of the repository (no @types/node either)', () => {
    typecheckIn(
      installed.project,
      `import { addBreadcrumb, captureException, init, type BrowserClient, type InitOptions } from '@closeloop/sdk-browser';
import { showReportDialog } from '@closeloop/sdk-browser/feedback';
import { init as initWithReplay } from '@closeloop/sdk-browser/replay';
const options: InitOptions = { dsn: 'https://k@closeloop.example.com/1', replay: { sessionSampleRate: 0.1 } };
const client: BrowserClient | undefined = init(options) ?? initWithReplay(options);
const id: string | undefined = captureException(new Error('x'));
addBreadcrumb({ type: 'navigation', message: 'to /cart' });
void showReportDialog({ title: 'Something broke?' });
// @ts-expect-error: not a breadcrumb type of the ingest contract
addBreadcrumb({ type: 'teleport' });
export { client, id };
`,
      {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['es2022', 'dom'],
        types: [],
        skipLibCheck: false,
      },
    );
  }, 120_000); // tsc takes long on a loaded 2-core machine
});

const DSN = (origin: string) => `${origin.replace('://', '://pk@')}/1`;

const PAGES: Record<string, (origin: string) => string> = {
  '/iife.html': (origin) => `<!doctype html><html><head><meta charset="utf-8">
<script src="/pkg/dist/closeloop.iife.js"></script>
<script>
Closeloop.init({ dsn: ${JSON.stringify(DSN(origin))}, release: 'packed@1.0.0' });
Closeloop.setUser({ id: 'u-packed' });
Closeloop.setTag('installed_from', 'script-tag');
Closeloop.addBreadcrumb({ category: 'step', message: 'before the error' });
Closeloop.captureException(new Error('thrown under the script-tag build'));
window.done = Closeloop.flush();
</script></head><body>script tag</body></html>`,
};

function esmPage(origin: string, mainEntry: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<script type="module">
import { init, captureMessage, setTag, flush } from '/pkg/${mainEntry}';
init({ dsn: ${JSON.stringify(DSN(origin))} });
setTag('installed_from', 'esm');
captureMessage('hello from the ESM entry', 'warning');
window.done = flush();
</script></head><body>esm</body></html>`;
}
