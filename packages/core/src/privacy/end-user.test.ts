import { describe, expect, it } from 'vitest';
import { endUserKeys, eventNamesUser } from './end-user.ts';

describe('an end user named by a privacy request', () => {
  it('matches the stored key forms of events, replays and reports', () => {
    expect(endUserKeys({ userId: 'u-42' })).toEqual(['id:u-42', 'u-42']);
    expect(endUserKeys({ email: 'Rita@Example.com' })).toEqual([
      'email:rita@example.com',
      'rita@example.com',
      'Rita@Example.com',
    ]);
  });

  it('recognises their events by user id or by email in any case, and no one else', () => {
    const e = { user: { id: 'u-42', email: 'Rita@Example.com' } };
    expect(eventNamesUser(e, { userId: 'u-42' })).toBe(true);
    expect(eventNamesUser(e, { email: 'rita@example.com' })).toBe(true);
    expect(eventNamesUser(e, { userId: 'u-4' })).toBe(false);
    expect(eventNamesUser({ user: { id: 'u-421' } }, { userId: 'u-42' })).toBe(false);
    expect(eventNamesUser({ message: 'u-42' }, { userId: 'u-42' })).toBe(false);
  });
});
