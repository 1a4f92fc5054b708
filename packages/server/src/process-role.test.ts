import { describe, expect, it } from 'vitest';
import { processRole } from './process-role.ts';

describe('processRole', () => {
  const defaults = { ROLE: undefined, GROUPING_WORKER: 'on' as const };
  it('runs everything in one process unless told otherwise', () => {
    expect(processRole([], defaults)).toBe('all');
  });
  it('reads --role in both spellings before the environment', () => {
    expect(processRole(['--role', 'worker'], { ...defaults, ROLE: 'api' })).toBe('worker');
    expect(processRole(['--role=api'], defaults)).toBe('api');
    expect(processRole([], { ...defaults, ROLE: 'worker' })).toBe('worker');
  });
  it('keeps GROUPING_WORKER=off meaning an API-only process', () => {
    expect(processRole([], { ROLE: undefined, GROUPING_WORKER: 'off' })).toBe('api');
  });
  it('refuses an unknown role with the list of known ones', () => {
    expect(() => processRole(['--role', 'cron'], defaults)).toThrow(/all, api, worker.*cron/);
    expect(() => processRole(['--role'], defaults)).toThrow(/got ""/);
  });
});
