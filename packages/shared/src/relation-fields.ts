/** Vocabulary of issue relations (links, milestones, time) shared by the server, web app and CLI. */

/**
 * Link types as a reader sees them from one issue. Each directed pair is stored once as its
 * active form (`blocks`, `duplicates`) and shown from the other side as its passive form.
 */
export const LINK_TYPES = [
  'blocks',
  'is_blocked_by',
  'duplicates',
  'is_duplicated_by',
  'relates_to',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** What one row of `issue_links.type` holds. */
export const STORED_LINK_TYPES = ['blocks', 'duplicates', 'relates'] as const;
export type StoredLinkType = (typeof STORED_LINK_TYPES)[number];

export const MILESTONE_STATES = ['open', 'closed'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** Issue types that describe a threat to a timeline rather than work to do (story 1 of DESIGN.md). */
export const RISK_ISSUE_TYPES: readonly string[] = ['risk', 'blocker'];
