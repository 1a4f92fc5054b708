import { globMatches } from '../ownership/glob.ts';

/**
 * Skills are topics: `label:checkout`, `component:Mobile app`, `route:/checkout/**`. A person's
 * skills come from the issues they resolved (each resolved issue adds one to each of its topics)
 * and from skills set by hand (worth as much as three resolved issues). An issue's topics are its
 * labels, components and, for machine-found issues, its route.
 */
export interface Skills {
  learned: ReadonlyMap<string, number>;
  manual: readonly string[];
}

const MANUAL_WEIGHT = 3;
/** Resolved issues on a topic after which more do not make someone more expert. */
const SATURATION = 5;

function topicMatches(skill: string, topic: string): boolean {
  if (skill.toLowerCase() === topic.toLowerCase()) return true;
  if (skill.startsWith('route:') && topic.startsWith('route:'))
    return globMatches(skill.slice(6), topic.slice(6));
  return false;
}

/** 0 (no overlap) … 1 (expert on every topic of the issue), plus the topic that counted most. */
export function expertise(skills: Skills, topics: readonly string[]): { score: number; best: string | null } {
  if (topics.length === 0) return { score: 0, best: null };
  let total = 0;
  let best: string | null = null;
  let bestWeight = 0;
  for (const topic of topics) {
    let w = 0;
    for (const [skill, n] of skills.learned) if (topicMatches(skill, topic)) w += n;
    if (skills.manual.some((s) => topicMatches(s, topic))) w += MANUAL_WEIGHT;
    const capped = Math.min(w, SATURATION);
    total += capped / SATURATION;
    if (capped > bestWeight) {
      bestWeight = capped;
      best = topic;
    }
  }
  return { score: total / topics.length, best };
}

export function issueTopics(i: {
  labels: readonly string[];
  components: readonly string[];
  route: string | null;
}): string[] {
  return [
    ...i.labels.map((l) => `label:${l}`),
    ...i.components.map((c) => `component:${c}`),
    ...(i.route ? [`route:${i.route}`] : []),
  ];
}
