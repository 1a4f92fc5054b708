import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const STORE = join(import.meta.dirname, '..');
/** Where dialect differences may live (ARCHITECTURE.md, "Dialects"). */
const ALLOWED = ['dialect', 'search'];
/** A branch on the dialect's name: `dialect === 'postgres'`, `'sqlite' !== x.dialect`, `case 'postgres':`. */
const BRANCH =
  /\bdialect\s*[!=]==|[!=]==\s*['"](sqlite|postgres)['"]|['"](sqlite|postgres)['"]\s*[!=]==|case\s+['"](sqlite|postgres)['"]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ALLOWED.includes(relative(STORE, path)) ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

it('keeps every branch on the dialect inside store/dialect/ and store/search/', () => {
  const offenders = sources(STORE).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line: line.trim(), at: `${relative(STORE, file)}:${i + 1}` }))
      .filter(({ line }) => BRANCH.test(line) && !line.startsWith('//') && !line.startsWith('*'))
      .map(({ line, at }) => `${at}: ${line}`),
  );
  expect(offenders).toEqual([]);
});
