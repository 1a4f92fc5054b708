import { describe, expect, it } from 'vitest';
import { InvalidSession, mapClientReport, mapSessionAggregates, mapSessionUpdate } from './session-map.ts';

const now = Date.parse('2024-05-01T10:05:00Z');

describe('mapSessionUpdate', () => {
  it('maps a session update as the JavaScript SDK sends it', () => {
    const update = mapSessionUpdate(
      {
        sid: 'b351bac8bde44ca5a30a7dbf12544c55',
        init: true,
        started: '2024-05-01T10:00:00.000Z',
        timestamp: '2024-05-01T10:01:00.000Z',
        status: 'crashed',
        errors: 2,
        did: 'u-17',
        duration: 60.5,
        abnormal_mechanism: 'anr_foreground',
        attrs: { release: 'shop@1.4.0', environment: 'production', user_agent: 'Mozilla/5.0' },
      },
      now,
    );
    expect(update).toEqual({
      sid: 'b351bac8bde44ca5a30a7dbf12544c55',
      init: true,
      started: new Date('2024-05-01T10:00:00.000Z'),
      timestamp: new Date('2024-05-01T10:01:00.000Z'),
      status: 'crashed',
      errors: 2,
      distinctId: 'u-17',
      durationSeconds: 60.5,
      abnormalMechanism: 'anr_foreground',
      release: 'shop@1.4.0',
      environment: 'production',
      userAgent: 'Mozilla/5.0',
    });
  });

  it('defaults status to ok, errors to 0 and timestamp to receipt', () => {
    const update = mapSessionUpdate({ sid: 's', started: 1714557600, attrs: { release: 'r' } }, now);
    expect(update).toMatchObject({ status: 'ok', errors: 0, init: false, timestamp: new Date(now) });
    expect(update.started).toEqual(new Date(1714557600000));
  });

  it('accepts `unhandled`, what JavaScript SDKs since 10 send for a session with an unhandled error', () => {
    const update = mapSessionUpdate(
      { sid: 's', started: 1714557600, status: 'unhandled', errors: 1, attrs: { release: 'r' } },
      now,
    );
    expect(update).toMatchObject({ status: 'unhandled', errors: 1 });
  });

  it.each([
    ['no release', { sid: 's', started: 1, attrs: {} }],
    ['no sid', { started: 1, attrs: { release: 'r' } }],
    ['an unknown status', { sid: 's', started: 1, status: 'happy', attrs: { release: 'r' } }],
    ['a bad start', { sid: 's', started: 'soon', attrs: { release: 'r' } }],
    ['not an object', 'session'],
  ])('refuses %s', (_name, payload) => {
    expect(() => mapSessionUpdate(payload, now)).toThrow(InvalidSession);
  });
});

describe('mapSessionAggregates', () => {
  it('maps per-minute aggregates from server SDKs', () => {
    const aggregates = mapSessionAggregates({
      aggregates: [
        { started: '2024-05-01T10:00:00Z', exited: 120, errored: 3, crashed: 1 },
        { started: '2024-05-01T10:01:00Z', did: 'u-1', exited: 4, abnormal: 1, unhandled: 2 },
        'junk',
      ],
      attrs: { release: 'api@3.0.0', environment: 'production' },
    });
    expect(aggregates).toEqual([
      {
        started: new Date('2024-05-01T10:00:00Z'),
        release: 'api@3.0.0',
        environment: 'production',
        exited: 120,
        errored: 3,
        abnormal: 0,
        crashed: 1,
        unhandled: 0,
      },
      {
        started: new Date('2024-05-01T10:01:00Z'),
        distinctId: 'u-1',
        release: 'api@3.0.0',
        environment: 'production',
        exited: 4,
        errored: 0,
        abnormal: 1,
        crashed: 0,
        unhandled: 2,
      },
    ]);
  });

  it('refuses aggregates without a list or a release', () => {
    expect(() => mapSessionAggregates({ attrs: { release: 'r' } })).toThrow(InvalidSession);
    expect(() => mapSessionAggregates({ aggregates: [] })).toThrow(InvalidSession);
  });
});

describe('mapClientReport', () => {
  it('counts discarded events by reason and category, including the legacy lists', () => {
    const report = mapClientReport(
      {
        timestamp: 1714557600,
        discarded_events: [
          { reason: 'queue_overflow', category: 'error', quantity: 23 },
          { reason: 'ratelimit_backoff', category: 'transaction', quantity: 2 },
          { reason: 'x', category: 'error' },
        ],
        rate_limited_events: [{ category: 'session', quantity: 4 }],
      },
      now,
    );
    expect(report).toEqual({
      timestamp: new Date(1714557600000),
      discarded: [
        { reason: 'queue_overflow', category: 'error', quantity: 23 },
        { reason: 'ratelimit_backoff', category: 'transaction', quantity: 2 },
        { reason: 'ratelimit_backoff', category: 'session', quantity: 4 },
      ],
    });
  });
});
