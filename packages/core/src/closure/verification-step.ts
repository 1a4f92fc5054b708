/**
 * The verification step of people-written issues (issue 13 §4): a workflow status marked as a
 * verification step holds resolved work until someone confirms it. Moving an issue from such a
 * status to a done status is refused when the person doing it is the one who moved it into the
 * step (the resolver): a fix is confirmed by a second pair of eyes, not by its author. Moves to
 * other statuses (sending it back, cancelling) stay open to everyone the workflow allows.
 */
export function verifierRefusal(input: {
  from: { name: string; verification?: boolean | undefined } | undefined;
  toCategory: string;
  resolverId: number | null;
  actorId: number | null;
}): string | null {
  if (!input.from?.verification || input.toCategory !== 'done') return null;
  if (input.resolverId === null || input.actorId === null || input.resolverId !== input.actorId) return null;
  return `"${input.from.name}" needs a verifier other than the person who moved the issue there`;
}
