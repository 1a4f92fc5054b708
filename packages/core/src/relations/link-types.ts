import type { LinkType, StoredLinkType } from '@closeloop/shared/relation-fields';

/** A link as stored: one row per pair, in its active direction (`source` blocks `target`). */
export interface StoredLink {
  type: StoredLinkType;
  sourceId: number;
  targetId: number;
}

const INVERSE: Record<LinkType, LinkType> = {
  blocks: 'is_blocked_by',
  is_blocked_by: 'blocks',
  duplicates: 'is_duplicated_by',
  is_duplicated_by: 'duplicates',
  relates_to: 'relates_to',
};

/** The same link read from the other issue: A blocks B ⇔ B is blocked by A. */
export function inverseLinkType(type: LinkType): LinkType {
  return INVERSE[type];
}

/**
 * Turns "issue `fromId` <type> issue `toId`" into the one row that stores it. Passive forms swap
 * the ends; `relates_to` is symmetric, so its ends are ordered by id and the same pair asked from
 * either side lands on the same row (which the unique index then turns into a 409).
 */
export function storeLink(type: LinkType, fromId: number, toId: number): StoredLink {
  switch (type) {
    case 'blocks':
      return { type: 'blocks', sourceId: fromId, targetId: toId };
    case 'is_blocked_by':
      return { type: 'blocks', sourceId: toId, targetId: fromId };
    case 'duplicates':
      return { type: 'duplicates', sourceId: fromId, targetId: toId };
    case 'is_duplicated_by':
      return { type: 'duplicates', sourceId: toId, targetId: fromId };
    case 'relates_to':
      return { type: 'relates', sourceId: Math.min(fromId, toId), targetId: Math.max(fromId, toId) };
  }
}

/** How a stored link reads from `viewerId`, and which issue is at the other end. */
export function presentLink(link: StoredLink, viewerId: number): { type: LinkType; otherId: number } {
  const outgoing = link.sourceId === viewerId;
  const otherId = outgoing ? link.targetId : link.sourceId;
  if (link.type === 'relates') return { type: 'relates_to', otherId };
  if (link.type === 'blocks') return { type: outgoing ? 'blocks' : 'is_blocked_by', otherId };
  return { type: outgoing ? 'duplicates' : 'is_duplicated_by', otherId };
}

/**
 * Two stored links clash when they join the same two issues with the same kind of relation in
 * either direction: "A blocks B" next to "B blocks A" is a contradiction, not a second link.
 */
export function sameRelation(a: StoredLink, b: StoredLink): boolean {
  if (a.type !== b.type) return false;
  return (
    (a.sourceId === b.sourceId && a.targetId === b.targetId) ||
    (a.sourceId === b.targetId && a.targetId === b.sourceId)
  );
}
