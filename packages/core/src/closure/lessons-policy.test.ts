import { describe, expect, it } from 'vitest';
import { lessonsSearchText, missingAnswers, needsLessons } from './lessons-policy.ts';

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

describe('lessons answers', () => {
  it('treats a record of blank answers as missing', () => {
    expect(missingAnswers({ rootCause: '  ', fix: '' })).toBe(true);
    expect(missingAnswers({ rootCause: 'stale asset link' })).toBe(false);
  });
  it('joins the answers into one searchable text', () => {
    expect(lessonsSearchText({ whatHappened: 'a', rootCause: 'b', prevention: 'c' })).toBe('a b c');
  });
});
