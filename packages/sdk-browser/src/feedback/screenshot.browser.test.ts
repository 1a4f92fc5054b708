import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The widget's screenshot in real Chromium: typed values, masked text and blocked elements never
 * reach the picture; the page's own stylesheet does, and the PNG can be read back (no CORS taint).
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI)
  console.warn(`\n!!! ${CHROMIUM} not found: SKIPPING the screenshot test !!!\n`);

const SECRETS = ['4242 4242', 'Elm Street 12', 'Jane Secret', 'Blocked Secret', 'hunter2'];
const PAGE = `<!doctype html><html><head><link rel="stylesheet" href="/style.css"></head><body>
<div class="hero"></div>
<h1>Trailhead checkout</h1>
<input id="card" autocomplete="off">
<input id="password" type="password">
<textarea id="address"></textarea>
<p data-closeloop-mask>Jane Secret</p>
<div data-closeloop-block>Blocked Secret</div>
<script src="/shot.js"></script>
</body></html>`;
const CSS = 'body{margin:0}.hero{width:200px;height:100px;background:rgb(255,0,0)}';

describe.runIf(hasChromium || process.env.CI)('the feedback widget’s screenshot of the page', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    const bundle = await build({
      stdin: {
        contents:
          "import { captureScreenshot, screenshotSvg } from './screenshot.ts'; Object.assign(window, { captureScreenshot, screenshotSvg });",
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    const files: Record<string, [string, string]> = {
      '/': ['text/html', PAGE],
      '/style.css': ['text/css', CSS],
      '/shot.js': ['text/javascript', bundle.outputFiles[0]?.text ?? ''],
    };
    server = createServer((req, res) => {
      const f = files[req.url ?? ''];
      if (!f) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await browser.newPage({ viewport: { width: 640, height: 480 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.fill('#card', '4242 4242 4242 4242');
    await page.fill('#password', 'hunter2');
    await page.fill('#address', 'Elm Street 12');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('masks every typed value, masked text and blocked element, and keeps the page’s words and styles', async () => {
    const svg = await page.evaluate(() =>
      (window as unknown as { screenshotSvg: (w: number, h: number) => string }).screenshotSvg(640, 480),
    );
    for (const secret of SECRETS) expect(svg).not.toContain(secret);
    expect(svg).toContain('Trailhead checkout');
    expect(svg).toContain('•'.repeat(19));
    expect(svg).toContain('background: rgb(255, 0, 0)');
    expect(svg).not.toContain('<script');
  });

  it('draws the viewport to a readable PNG with the page’s stylesheet applied', async () => {
    const shot = await page.evaluate(async () => {
      const blob = await (
        window as unknown as { captureScreenshot: () => Promise<Blob | undefined> }
      ).captureScreenshot();
      if (!blob) return null;
      const bitmap = await createImageBitmap(blob);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return {
        type: blob.type,
        width: bitmap.width,
        height: bitmap.height,
        hero: [...ctx.getImageData(100, 50, 1, 1).data],
        below: [...ctx.getImageData(400, 50, 1, 1).data],
      };
    });
    expect(shot).toEqual({
      type: 'image/png',
      width: 640,
      height: 480,
      hero: [255, 0, 0, 255],
      below: [255, 255, 255, 255],
    });
  });
});
