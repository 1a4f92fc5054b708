import { describe, expect, it } from 'vitest';
import {
  type FieldDef,
  missingRequiredFields,
  parseFieldFilter,
  validateFieldDef,
  validateFieldValue,
} from './field-values.ts';

const field = (type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  key: 'f',
  name: 'F',
  type,
  options: [],
  types: null,
  requiredFor: [],
  ...extra,
});
const ok = (value: unknown) => ({ ok: true, value });

describe('custom field values by type', () => {
  const cases: [FieldDef, unknown, unknown][] = [
    [field('text'), 'hello', ok('hello')],
    [field('number'), 3.5, ok(3.5)],
    [field('date'), '2026-02-28', ok('2026-02-28')],
    [field('single_select', { options: ['gold', 'silver'] }), 'gold', ok('gold')],
    [
      field('multi_select', { options: ['ios', 'android', 'web'] }),
      ['web', 'ios', 'web'],
      ok(['ios', 'web']),
    ],
    [field('user'), 7, ok(7)],
    [field('team'), 2, ok(2)],
    [field('url'), 'https://example.com/a?b=1', ok('https://example.com/a?b=1')],
    [field('checkbox'), false, ok(false)],
  ];
  it.each(cases)('accepts a valid %s value', (f, raw, expected) => {
    expect(validateFieldValue(f, raw)).toEqual(expected);
  });

  const bad: [FieldDef, unknown][] = [
    [field('text'), 42],
    [field('number'), '3'],
    [field('number'), Number.NaN],
    [field('date'), '2026-02-30'],
    [field('date'), 'tomorrow'],
    [field('single_select', { options: ['gold'] }), 'bronze'],
    [field('multi_select', { options: ['ios'] }), ['ios', 'symbian']],
    [field('multi_select', { options: ['ios'] }), 'ios'],
    [field('user'), 1.5],
    [field('team'), -1],
    [field('url'), 'javascript:alert(1)'],
    [field('url'), 'not a url'],
    [field('checkbox'), 'yes'],
  ];
  it.each(bad)('rejects an invalid %s value', (f, raw) => {
    expect(validateFieldValue(f, raw)).toMatchObject({ ok: false });
  });

  it('reads null, empty text and an empty selection as no value', () => {
    expect(validateFieldValue(field('text'), null)).toEqual(ok(null));
    expect(validateFieldValue(field('url'), '')).toEqual(ok(null));
    expect(validateFieldValue(field('multi_select', { options: ['a'] }), [])).toEqual(ok(null));
  });
});

describe('required fields per issue type', () => {
  const fields = [
    field('text', { key: 'impact', requiredFor: ['risk'] }),
    field('number', { key: 'points', types: ['task'], requiredFor: ['task'] }),
  ];
  it('names required fields without a value for the issue type only', () => {
    expect(missingRequiredFields(fields, 'risk', {})).toEqual(['impact']);
    expect(missingRequiredFields(fields, 'risk', { impact: 'timeline slips' })).toEqual([]);
    expect(missingRequiredFields(fields, 'task', { points: null })).toEqual(['points']);
    expect(missingRequiredFields(fields, 'bug', {})).toEqual([]);
  });
});

describe('field definitions', () => {
  it('needs options exactly for select fields and known types', () => {
    expect(validateFieldDef(field('single_select'), [])).toHaveLength(1);
    expect(validateFieldDef(field('text', { options: ['x'] }), [])).toHaveLength(1);
    expect(
      validateFieldDef(field('text', { types: ['bug'], requiredFor: ['risk'] }), ['bug', 'risk']),
    ).toEqual([{ path: 'requiredFor', message: 'Required for "risk" but not shown on it' }]);
    expect(validateFieldDef(field('text', { requiredFor: ['ghost'] }), ['bug'])).toHaveLength(1);
  });
});

describe('filters written in a URL', () => {
  it('reads lists, comparisons and booleans by type', () => {
    expect(parseFieldFilter(field('single_select', { options: ['a', 'b'] }), 'a,b')).toEqual({
      op: '=',
      values: ['a', 'b'],
    });
    expect(parseFieldFilter(field('number'), '>=3')).toEqual({ op: '>=', value: 3 });
    expect(parseFieldFilter(field('date'), '<2026-12-01')).toEqual({ op: '<', value: '2026-12-01' });
    expect(parseFieldFilter(field('checkbox'), 'true')).toEqual({ op: '=', values: [true] });
  });
  it('explains values that do not fit', () => {
    expect(parseFieldFilter(field('number'), 'many')).toHaveProperty('error');
    expect(parseFieldFilter(field('text'), '>x')).toHaveProperty('error');
    expect(parseFieldFilter(field('single_select', { options: ['a'] }), 'z')).toHaveProperty('error');
  });
});
