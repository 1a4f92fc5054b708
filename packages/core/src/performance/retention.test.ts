import { describe, expect, it } from 'vitest';
import { PERFORMANCE_RETENTION_MIN_DAYS, performanceCutoff } from './retention.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 2, 16, 40);

describe('performance retention', () => {
  it('keeps whole hours: the cutoff is the start of an hour, retention days before the current hour', () => {
    expect(performanceCutoff(NOW, 35)).toBe(Date.UTC(2026, 11, 2, 16) - 35 * DAY);
  });

  it('never prunes inside the baseline week plus the day being judged', () => {
    expect(PERFORMANCE_RETENTION_MIN_DAYS).toBe(8);
    expect(performanceCutoff(NOW, 1)).toBe(Date.UTC(2026, 11, 2, 16) - 8 * DAY);
    expect(performanceCutoff(NOW, 0)).toBe(performanceCutoff(NOW, 8));
  });
});
