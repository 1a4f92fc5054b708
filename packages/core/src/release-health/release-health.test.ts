import { describe, expect, it } from 'vitest';
import {
  countsFromAggregate,
  crashFreeRate,
  mergeSessionUpdate,
  releaseHealth,
  type SessionState,
  sessionHealth,
} from './release-health.ts';

const started: SessionState = { status: 'ok', errors: 0, updatedAt: 1_000, distinctId: null };

describe('session state', () => {
  it('takes the first update as it is', () => {
    expect(
      mergeSessionUpdate(undefined, { status: 'ok', errors: 0, timestamp: 5, distinctId: 'u1' }),
    ).toEqual({
      status: 'ok',
      errors: 0,
      updatedAt: 5,
      distinctId: 'u1',
    });
  });

  it('ends a running session and never reopens it with a late ok', () => {
    const ended = mergeSessionUpdate(started, { status: 'exited', errors: 1, timestamp: 2_000 });
    expect(ended).toMatchObject({ status: 'exited', errors: 1 });
    expect(mergeSessionUpdate(ended, { status: 'ok', errors: 0, timestamp: 3_000 })).toMatchObject({
      status: 'exited',
      errors: 1,
    });
  });

  it('ignores a stale ok but still lets a late crash count', () => {
    const newer = mergeSessionUpdate(started, { status: 'ok', errors: 2, timestamp: 3_000 });
    expect(mergeSessionUpdate(newer, { status: 'ok', errors: 0, timestamp: 2_000 })).toMatchObject({
      errors: 2,
      updatedAt: 3_000,
    });
    const exited = mergeSessionUpdate(started, { status: 'exited', errors: 0, timestamp: 2_000 });
    expect(mergeSessionUpdate(exited, { status: 'crashed', errors: 1, timestamp: 1_500 }).status).toBe(
      'crashed',
    );
  });

  it('keeps an unhandled session unhandled when it exits, and lets a crash override it', () => {
    const unhandled = mergeSessionUpdate(started, { status: 'unhandled', errors: 1, timestamp: 2_000 });
    expect(mergeSessionUpdate(unhandled, { status: 'exited', errors: 1, timestamp: 3_000 }).status).toBe(
      'unhandled',
    );
    expect(mergeSessionUpdate(unhandled, { status: 'crashed', errors: 1, timestamp: 3_000 }).status).toBe(
      'crashed',
    );
  });

  it('is idempotent: applying the same update twice changes nothing', () => {
    const u = { status: 'crashed' as const, errors: 1, timestamp: 2_000, distinctId: 'u1' };
    const once = mergeSessionUpdate(started, u);
    expect(mergeSessionUpdate(once, u)).toEqual(once);
  });

  it('keeps the user once known', () => {
    const known = mergeSessionUpdate(started, {
      status: 'ok',
      errors: 0,
      timestamp: 2_000,
      distinctId: 'u1',
    });
    expect(mergeSessionUpdate(known, { status: 'exited', errors: 0, timestamp: 3_000 }).distinctId).toBe(
      'u1',
    );
  });
});

describe('health and rates', () => {
  it('classifies the most severe state only', () => {
    expect(sessionHealth({ status: 'crashed', errors: 3 })).toBe('crashed');
    expect(sessionHealth({ status: 'abnormal', errors: 0 })).toBe('abnormal');
    expect(sessionHealth({ status: 'unhandled', errors: 1 })).toBe('unhandled');
    expect(sessionHealth({ status: 'exited', errors: 1 })).toBe('errored');
    expect(sessionHealth({ status: 'ok', errors: 1 })).toBe('errored');
    expect(sessionHealth({ status: 'exited', errors: 0 })).toBe('healthy');
  });

  it('computes crash-free rates, null without data', () => {
    expect(crashFreeRate(0, 0)).toBeNull();
    expect(crashFreeRate(4, 1)).toBe(0.75);
    expect(crashFreeRate(3, 5)).toBe(0);
    expect(
      releaseHealth({
        sessions: 10,
        healthy: 6,
        errored: 1,
        unhandled: 1,
        abnormal: 0,
        crashed: 2,
        users: 4,
        crashedUsers: 1,
      }),
    ).toMatchObject({ crashFreeSessions: 0.8, crashFreeUsers: 0.75 });
  });

  it('reads Sentry aggregates as ended sessions per state', () => {
    expect(countsFromAggregate({ exited: 5, errored: 2, unhandled: 1, abnormal: 1, crashed: 1 })).toEqual({
      sessions: 10,
      healthy: 5,
      errored: 2,
      unhandled: 1,
      abnormal: 1,
      crashed: 1,
    });
  });
});
