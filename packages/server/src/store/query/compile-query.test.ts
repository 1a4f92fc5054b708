import { bindQuery } from '@closeloop/core/query/bind-query';
import { parseQuery } from '@closeloop/core/query/parse-query';
import { QueryError } from '@closeloop/core/query/query-error';
import { testSize } from '@closeloop/shared/testing/test-size';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, openTestStore, type TestDb } from '../../test/dialects.ts';
import { compileQuery } from './compile-query.ts';
import type { IssueEB } from './qualifier-resolver.ts';
import { buildQueryList } from './query-list.ts';

/**
 * Every user value must reach SQL as a bound parameter: compile random queries whose values all
 * carry a marker, and check the SQL text never contains it (while the parameters do), then run
 * the statement so the engine itself accepts what was built.
 */
describeEachDialect('query compiler parameterisation', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestStore(dialect);
  });
  afterAll(async () => db?.drop());

  const MARK = 'zqx';
  const nasty = fc.string({
    unit: fc.constantFrom('a', 'b', "'", ';', '%', '_', '\\', '--', '*', ' ', 'é', ')', '(', 'OR', '"'),
    maxLength: 8,
  });
  const value = nasty.map((s) => `${MARK}${s.replace(/["\\]/g, '')}${MARK}`);
  const quote = (v: string) => `"${v}"`;
  // [query text, whether the value reaches the main statement (names become ids in a lookup first)]
  const term = fc.oneof(
    fc
      .tuple(fc.constantFrom('type', 'status', 'title'), value)
      .map(([f, v]) => [`${f}:${quote(v)}`, true] as const),
    fc
      .tuple(fc.constantFrom('label', 'team', 'project'), value)
      .map(([f, v]) => [`${f}:${quote(v)}`, false] as const),
    fc
      .tuple(fc.constantFrom('assignee', 'reporter'), value)
      .map(([f, v]) => [`${f}:${v.replace(/[^a-z]/g, '')}@x.test`, false] as const),
    value.map((v) => [quote(v), true] as const),
    value.map((v) => [v.replace(/[^a-z]/g, ''), true] as const),
  );
  const query = fc
    .array(fc.tuple(fc.constantFrom('', '-', 'NOT '), term), { minLength: 1, maxLength: 5 })
    .chain((ts) =>
      fc.constantFrom(' ', ' OR ').map((j) => ({
        q: ts.map(([n, [t]]) => `${n}${t}`).join(j),
        passes: ts.some(([, [, p]]) => p),
      })),
    );

  it('keeps user values out of the SQL text, for every sort', async () => {
    await fc.assert(
      fc.asyncProperty(
        query,
        fc.constantFrom('created', 'relevance', 'due', 'priority'),
        async ({ q, passes }, sort) => {
          const parsed = parseQuery(q);
          const now = Date.now();
          let bound: ReturnType<typeof bindQuery>;
          try {
            bound = bindQuery(parsed.where!, now);
          } catch (e) {
            if (e instanceof QueryError) return;
            throw e;
          }
          const compiled = await compileQuery(
            db.store,
            bound,
            { workspaceId: 1, actorId: 1, dialect, now },
            [],
          );
          const { query: built } = buildQueryList(
            db.store,
            (eb: IssueEB) => eb('i.workspace_id', '=', 1),
            compiled,
            {
              sort: [{ field: sort as 'created', dir: 'desc' }],
              limit: 10,
            },
          );
          const c = built.compile();
          expect(c.sql.toLowerCase()).not.toContain(MARK);
          if (passes)
            expect(c.parameters.some((p) => typeof p === 'string' && p.toLowerCase().includes(MARK))).toBe(
              true,
            );
          await built.execute();
        },
      ),
      { numRuns: testSize(200, 3000) },
    );
  });
});
