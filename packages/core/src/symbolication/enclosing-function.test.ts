import { describe, expect, it } from 'vitest';
import { enclosingFunctionName, functionNameFromHeader } from './enclosing-function.ts';

/** Position of the marker `@@` in the source: [1-based line, 0-based column], and the source without it. */
function at(source: string): [string, number, number] {
  const index = source.indexOf('@@');
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1);
  return [source.replace('@@', ''), line, column];
}

describe('enclosingFunctionName', () => {
  it.each([
    ['function computeTotal(items) {\n  if (x) {\n    @@throw e;\n  }\n}', 'computeTotal'],
    ['export async function load(id: string): Promise<void> {\n  @@await x;\n}', 'load'],
    ['const applyCoupon = async (cart, code) => {\n  @@boom();\n};', 'applyCoupon'],
    ['const save = function (x) {\n  @@boom();\n};', 'save'],
    ['class Cart {\n  total(items: Item[]): number {\n    @@return 1;\n  }\n}', 'total'],
    ['const api = {\n  fetchOrders(page) {\n    @@boom();\n  },\n};', 'fetchOrders'],
    ['function render() {\n  items.map((item) => {\n    @@boom();\n  });\n}', 'render/<'],
    ['function a() {\n  if (x) { y(); } else { z(); }\n  for (;;) {\n    @@boom();\n  }\n}', 'a'],
    ['@@boom();', null],
  ])('%#', (text, expected) => {
    const [source, line, column] = at(text);
    expect(enclosingFunctionName(source, line, column)).toBe(expected);
  });

  it('does not take a call followed by a block, or a control statement, for a method', () => {
    expect(functionNameFromHeader('if (ready)')).toBeUndefined();
    expect(functionNameFromHeader('while (i < 3)')).toBeUndefined();
    expect(functionNameFromHeader('x = foo(bar)')).toBeUndefined();
    expect(functionNameFromHeader('} else')).toBeUndefined();
  });

  it('returns null for a position outside the source', () => {
    expect(enclosingFunctionName('a', 5, 0)).toBeNull();
  });
});
