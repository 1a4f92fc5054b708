import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUL_STAND_IN, storableJsonText, storableQueryString, storableText } from './storable-text.ts';

describe('storable text (NUL, which PostgreSQL cannot store)', () => {
  it('replaces NUL in plain strings by the stand-in, one character for one', () => {
    expect(storableText('a\u0000b\u0000')).toBe(`a${NUL_STAND_IN}b${NUL_STAND_IN}`);
    expect(storableText('plain')).toBe('plain');
  });

  it('replaces NUL escapes in JSON values and keys at any depth', () => {
    const text = JSON.stringify({ 'k\u0000': ['x\u0000y', { deep: '\u0000' }] });
    expect(JSON.parse(storableJsonText(text))).toEqual({ 'k␀': ['x␀y', { deep: '␀' }] });
  });

  it('leaves an escaped backslash followed by the letters u0000 alone', () => {
    const text = JSON.stringify({ path: 'C:\\u0000', both: '\\\u0000' });
    expect(JSON.parse(storableJsonText(text))).toEqual({ path: 'C:\\u0000', both: '\\␀' });
  });

  it('is the identity on every JSON value without NUL, and leaves none in any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const out = storableJsonText(text);
        if (!text.includes('\\u0000')) expect(out).toBe(text);
        expect(out.includes('\\u0000')).toBe(false);
        expect(JSON.stringify(JSON.parse(out)).includes('\\u0000')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('replaces an encoded NUL in a query string', () => {
    expect(decodeURIComponent(storableQueryString('q=a%00b'))).toBe(`q=a${NUL_STAND_IN}b`);
  });
});
