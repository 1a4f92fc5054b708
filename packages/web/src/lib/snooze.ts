/** "4h", "2d", "30m" → a time; "+50 users" / "+1000 events" → until it escalates. */
export function parseSnooze(text: string, now = Date.now()) {
  const t = text.trim().toLowerCase();
  const more = /^\+?\s*(\d+)\s*(users?|events?)$/.exec(t);
  if (more)
    return more[2]!.startsWith('user') ? { moreUsers: Number(more[1]) } : { moreEvents: Number(more[1]) };
  const time = /^(\d+)\s*(m|h|d)$/.exec(t);
  if (time) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[time[2] as 'm' | 'h' | 'd'];
    return { until: new Date(now + Number(time[1]) * unit).toISOString() };
  }
  return null;
}
