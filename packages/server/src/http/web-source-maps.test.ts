import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openTestServices } from '../test/dialects.ts';

/** Issue 15: the web app's source maps were served publicly. */
describe('the web build', () => {
  const dist = mkdtempSync(join(tmpdir(), 'closeloop-web-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves its scripts but not their source maps', async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dist, 'assets/app.js'), 'console.log(1);\n//# sourceMappingURL=app.js.map');
    writeFileSync(join(dist, 'assets/app.js.map'), '{"version":3,"sources":["secret.ts"]}');
    const svc = await openTestServices('sqlite');
    const app = await buildApp(svc, { webDist: dist });
    try {
      expect((await app.inject({ url: '/assets/app.js' })).statusCode).toBe(200);
      const map = await app.inject({ url: '/assets/app.js.map' });
      expect(map.body).not.toContain('secret.ts');
    } finally {
      await app.close();
      await svc.drop();
    }
  });
});
