import { describe, expect, it } from 'vitest';
import { closingFields } from './closing-rules.ts';

const open = { closedAt: null, resolution: null };

describe('closing rules', () => {
  it('stamps closed_at and defaults the resolution when an issue is done', () => {
    expect(closingFields('in_progress', 'done', open, {}, 1000)).toEqual({
      closedAt: 1000,
      resolution: 'fixed',
    });
    expect(closingFields('todo', 'cancelled', open, {}, 1000)).toEqual({
      closedAt: 1000,
      resolution: 'declined',
    });
  });
  it('keeps the resolution the person chose', () => {
    expect(closingFields('todo', 'done', open, { resolution: 'duplicate' }, 5)).toEqual({
      closedAt: 5,
      resolution: 'duplicate',
    });
  });
  it('keeps the original closing time when moving between closed statuses', () => {
    expect(closingFields('done', 'cancelled', { closedAt: 7, resolution: 'fixed' }, {}, 99)).toEqual({
      closedAt: 7,
      resolution: 'fixed',
    });
  });
  it('clears closing fields on reopen', () => {
    expect(closingFields('done', 'todo', { closedAt: 7, resolution: 'fixed' }, {}, 99)).toEqual({
      closedAt: null,
      resolution: null,
    });
  });
});
