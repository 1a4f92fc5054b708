/**
 * An end user of a monitored app (not a Closeloop account), named as the SDK reported them: by
 * their user id or their email. Privacy requests ("delete my data") name them this way.
 */
export type EndUserRef = { userId: string } | { email: string };

/**
 * Every form a stored `user_key` of this person takes: events store the prefixed key of
 * core/grouping/event-facets (`id:…`, `email:…`); replays and user reports store the raw id or email.
 */
export function endUserKeys(ref: EndUserRef): string[] {
  if ('userId' in ref) return [`id:${ref.userId}`, ref.userId];
  const email = ref.email.trim().toLowerCase();
  return [...new Set([`email:${email}`, email, ref.email])];
}

/** A text the person's stored events must contain, to narrow the rows read before `eventNamesUser`. */
export function endUserNeedle(ref: EndUserRef): string {
  return 'userId' in ref ? ref.userId : ref.email.trim().toLowerCase();
}

/** Whether an event (its stored JSON, parsed) was sent about this person. */
export function eventNamesUser(event: unknown, ref: EndUserRef): boolean {
  const user = (event as { user?: { id?: unknown; email?: unknown } } | null)?.user;
  if (!user) return false;
  if ('userId' in ref) return user.id === ref.userId;
  return typeof user.email === 'string' && user.email.trim().toLowerCase() === ref.email.trim().toLowerCase();
}
