import { describe, expect, it } from 'vitest';
import {
  lessonsReasons,
  lessonsRuleRefusal,
  lessonsSearchText,
  missingAnswers,
  needsLessons,
} from './lessons-policy.ts';

describe('needsLessons', () => {
  it('asks high and urgent work for lessons, not medium or low', () => {
    expect(needsLessons({ priority: 'high', type: 'task' })).toBe(true);
    expect(needsLessons({ priority: 'urgent', type: 'bug' })).toBe(true);
    expect(needsLessons({ priority: 'medium', type: 'task' })).toBe(false);
    expect(needsLessons({ priority: 'none', type: 'bug' })).toBe(false);
  });
  it('asks risks and incidents whatever their priority', () => {
    expect(needsLessons({ priority: 'low', type: 'risk' })).toBe(true);
    expect(needsLessons({ priority: 'none', type: 'incident' })).toBe(true);
  });
});

describe('the project rule', () => {
  const rule = { query: 'label:security', matches: true };
  it('asks an issue the rule matches for lessons, whatever its priority and type', () => {
    expect(needsLessons({ priority: 'low', type: 'task' }, rule)).toBe(true);
    expect(needsLessons({ priority: 'low', type: 'task' }, { ...rule, matches: false })).toBe(false);
    expect(needsLessons({ priority: 'low', type: 'task' }, null)).toBe(false);
  });
  it('says why in words, the rule with its query', () => {
    expect(lessonsReasons({ priority: 'low', type: 'task' }, rule)).toEqual([
      'matches the project rule `label:security`',
    ]);
    expect(lessonsReasons({ priority: 'urgent', type: 'incident' }, null)).toEqual([
      'urgent priority',
      'the type is incident',
    ]);
    expect(lessonsReasons({ priority: 'medium', type: 'bug' }, { ...rule, matches: false })).toEqual([]);
  });
  it('accepts a condition and refuses what is not one', () => {
    expect(lessonsRuleRefusal('label:security OR priority:>=high')).toBeNull();
    expect(lessonsRuleRefusal('label:security (')).toBeTruthy();
    expect(lessonsRuleRefusal('sort:created')).toMatch(/sort/);
    expect(lessonsRuleRefusal('   ')).toMatch(/needs a condition/);
  });
});

describe('lessons answers', () => {
  it('treats a record of blank answers as missing', () => {
    expect(missingAnswers({ rootCause: '  ', fix: '' })).toBe(true);
    expect(missingAnswers({ rootCause: 'stale asset link' })).toBe(false);
  });
  it('joins the answers into one searchable text', () => {
    expect(lessonsSearchText({ whatHappened: 'a', rootCause: 'b', prevention: 'c' })).toBe('a b c');
  });
});
