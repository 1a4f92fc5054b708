import { termCounts, tokenise } from './tokenise.ts';

/**
 * What the engine compares: an issue reduced to term counts per field. People-written issues have a
 * title and a description (which may hold a pasted stack trace); machine-found issues also have the
 * frames of their grouping, the route they happened on and a component. Frames, route and component
 * are whole terms (prefixed so `route:/checkout` never matches the word `checkout`).
 */

export const FIELDS = ['title', 'description', 'frames', 'route', 'component'] as const;
export type Field = (typeof FIELDS)[number];

export interface SimilarityText {
  title: string;
  description: string;
  /** Grouping keys of stack frames (`module:function`), innermost last; frames found in the description are added. */
  frames?: readonly string[];
  route?: string | null;
  component?: string | null;
}

export type FieldTerms = Record<Field, Record<string, number>>;

export interface IndexedDoc {
  id: number;
  createdAt: number;
  title: string;
  terms: FieldTerms;
}

/** Descriptions are cut here: a pasted log of megabytes says no more than its first pages. */
export const MAX_TEXT = 20_000;
const MAX_FRAMES = 64;

export function analyse(text: SimilarityText): FieldTerms {
  const description = text.description.slice(0, MAX_TEXT);
  const frames = [...(text.frames ?? []), ...framesInText(description)].slice(-MAX_FRAMES);
  return {
    title: toRecord(termCounts(tokenise(text.title.slice(0, 1_000)))),
    description: toRecord(termCounts(tokenise(description))),
    frames: toRecord(termCounts(frames.map((f) => `frame:${f.toLowerCase()}`))),
    route: text.route ? { [`route:${text.route.toLowerCase()}`]: 1 } : {},
    component: text.component ? { [`component:${text.component.toLowerCase()}`]: 1 } : {},
  };
}

export function fieldLength(terms: Record<string, number>): number {
  let n = 0;
  for (const c of Object.values(terms)) n += c;
  return n;
}

/** Every distinct term of a document, over all fields (what the postings index). */
export function distinctTerms(terms: FieldTerms): string[] {
  const all = new Set<string>();
  for (const f of FIELDS) for (const t of Object.keys(terms[f])) all.add(t);
  return [...all];
}

/**
 * Stack frames written into a report's text: Java (`at org.a.B.method(B.java:12)`) and V8
 * (`at method (file.js:1:2)`, `at Class.method (…)`). Kept as `Class.method`: packages move and
 * line numbers change between the reports of one bug, the failing call does not.
 */
export function framesInText(text: string): string[] {
  const frames: string[] = [];
  for (const m of text.matchAll(/^\s*at\s+([\w$.<>]+)\s*\(/gm)) {
    const parts = (m[1] ?? '').split('.').filter((p) => p.length > 0);
    if (parts.length === 0) continue;
    frames.push(parts.slice(-2).join('.'));
  }
  return frames.reverse();
}

function toRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries(map);
}
