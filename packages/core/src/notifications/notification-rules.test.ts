import { describe, expect, it } from 'vitest';
import { emailRoute, mailRetryDelay, nextDigestAt, notificationTargets } from './notification-rules.ts';

describe('notificationTargets', () => {
  it('never notifies the actor and gives each person one, most specific, reason', () => {
    const t = notificationTargets({
      actorId: 1,
      watcherIds: [1, 2, 3, 4],
      mentionedIds: [1, 3],
      assignedIds: [3, 4],
      general: 'commented',
    });
    expect(t).toEqual([
      { userId: 3, kind: 'mentioned' },
      { userId: 4, kind: 'assigned' },
      { userId: 2, kind: 'commented' },
    ]);
  });

  it('tells only mentioned and assigned people when there is no general change', () => {
    expect(
      notificationTargets({
        actorId: 9,
        watcherIds: [1, 2],
        mentionedIds: [2],
        assignedIds: [],
        general: null,
      }),
    ).toEqual([{ userId: 2, kind: 'mentioned' }]);
  });
});

describe('email timing', () => {
  it('routes by preference and schedules digests', () => {
    expect(emailRoute('immediate')).toBe('now');
    expect(emailRoute('hourly')).toBe('digest');
    expect(emailRoute('daily')).toBe('digest');
    expect(emailRoute('off')).toBe('none');
    expect(nextDigestAt('hourly', 0)).toBe(3_600_000);
    expect(nextDigestAt('daily', 0)).toBe(86_400_000);
    expect(nextDigestAt('immediate', 0)).toBeNull();
  });

  it('backs off retries exponentially up to six hours', () => {
    expect(mailRetryDelay(1)).toBe(30_000);
    expect(mailRetryDelay(2)).toBe(60_000);
    expect(mailRetryDelay(30)).toBe(6 * 3_600_000);
  });
});
