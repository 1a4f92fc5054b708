import { describe, expect, it } from 'vitest';
import { recurrenceOf } from './recurrence.ts';

const match = (
  key: string,
  over: Partial<{
    statusCategory: string;
    resolution: string | null;
    likelyDuplicate: boolean;
    closedAt: string | null;
  }> = {},
) => ({
  key,
  statusCategory: 'done',
  resolution: 'fixed',
  likelyDuplicate: true,
  closedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});
const created = Date.parse('2026-12-01T00:00:00.000Z');

describe('recurrenceOf', () => {
  it('is the closest closed likely duplicate, in the engine’s order', () => {
    expect(recurrenceOf([match('A-1'), match('A-2')], created)?.key).toBe('A-1');
  });
  it('skips open matches, weak matches, closed duplicates and issues closed after the new one came', () => {
    const r = recurrenceOf(
      [
        match('A-1', { statusCategory: 'in_progress', closedAt: null, resolution: null }),
        match('A-2', { likelyDuplicate: false }),
        match('A-3', { resolution: 'duplicate' }),
        match('A-4', { closedAt: '2026-12-02T00:00:00.000Z' }),
        match('A-5', { statusCategory: 'cancelled', resolution: 'obsolete' }),
      ],
      created,
    );
    expect(r?.key).toBe('A-5');
  });
  it('is null when nothing closed matches closely enough', () => {
    expect(recurrenceOf([match('A-2', { likelyDuplicate: false })], created)).toBeNull();
  });
});
