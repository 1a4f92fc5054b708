import { randomBytes } from 'node:crypto';

/**
 * The simulated project of the severity benchmark: a shop with 1,000 active users over the last
 * day and planted issues of known impact. Each planted issue carries the grade of harm the
 * generator knows it does (4 worst … 0 harmless); the score never sees these grades.
 */
const HOUR = 3_600_000;
export const ACTIVE_USERS = 1_000;

export interface PlantedMachineIssue {
  name: string;
  grade: number;
  /** What marks its group's title, to find the issue the worker filed. */
  marker: string;
  events: Record<string, unknown>[];
}
export interface PlantedManualIssue {
  name: string;
  grade: number;
  title: string;
  type: string;
  impact?: number;
  likelihood?: number;
  milestone?: boolean;
}

/** A deterministic pseudo-random stream, so every run plants the same world. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const id = () => randomBytes(16).toString('hex');
const user = (n: number) => `user-${n}`;

function base(n: number, at: number, route: string) {
  return {
    event_id: id(),
    timestamp: at,
    platform: 'browser',
    release: 'shop@4.2.0',
    environment: 'production',
    session_id: `session-${n}`,
    user: { id: user(n) },
    url: `https://shop.example${route}`,
    route,
  };
}

function error(
  n: number,
  at: number,
  route: string,
  type: string,
  value: string,
  fn: string,
  extra: Record<string, unknown> = {},
) {
  return {
    ...base(n, at, route),
    type: 'error',
    level: 'error',
    exception: {
      type,
      value,
      frames: [
        {
          function: 'main',
          filename: 'https://shop.example/assets/app.js',
          lineno: 1,
          colno: 1,
          in_app: true,
        },
        {
          function: fn,
          filename: `https://shop.example/assets/${fn}.js`,
          lineno: 42,
          colno: 7,
          in_app: true,
        },
      ],
      ...extra,
    },
  };
}

/** `now` is the simulated present (13:30 UTC); every event lies before it. */
export function plantWorld(now: number) {
  const r = rng(11);
  const pick = (from: number, to: number) => from + Math.floor(r() * (to - from));
  const at = (hoursAgoFrom: number, hoursAgoTo: number) =>
    now - hoursAgoTo * HOUR + r() * (hoursAgoTo - hoursAgoFrom) * HOUR;
  const noon = now - 1.5 * HOUR; // 12:00

  // Everyone who used the shop in the last day: one page load each.
  const pageLoads = Array.from({ length: ACTIVE_USERS }, (_, n) => ({
    ...base(n, at(0, 24), ['/', '/products', '/product/17', '/cart', '/checkout'][n % 5]!),
    type: 'page_load',
  }));

  const machine: PlantedMachineIssue[] = [];
  // 1. The checkout throws for 30% of users since a few hours: nobody in that group can pay.
  machine.push({
    name: 'checkout error hitting 30% of users',
    grade: 4,
    marker: 'paymentIntent',
    events: Array.from({ length: 300 }, (_, k) => k).flatMap((n) =>
      Array.from({ length: 2 }, () =>
        error(
          n,
          at(0, 5),
          '/checkout',
          'TypeError',
          "Cannot read properties of undefined (reading 'paymentIntent')",
          'submitPayment',
        ),
      ),
    ),
  });
  // 2. Search times out at noon: 12% of users, a spike against a quiet baseline.
  const slowUsers = Array.from({ length: 120 }, (_, k) => 300 + k);
  machine.push({
    name: 'slow route at noon',
    grade: 2,
    marker: '/api/search',
    events: [
      // Most days search is fine: a timeout now and then over the last two days.
      ...Array.from({ length: 16 }, () => pick(300, 1000)).map((n) => ({
        ...base(n, at(3, 48), '/search'),
        type: 'network',
        request: {
          url: 'https://shop.example/api/search?q=shoes',
          method: 'GET',
          status: 504,
          duration_ms: 30_000,
        },
      })),
      ...slowUsers.flatMap((n) =>
        Array.from({ length: 3 }, () => ({
          ...base(n, noon + r() * 1.4 * HOUR, '/search'),
          type: 'network',
          request: {
            url: 'https://shop.example/api/search?q=shoes',
            method: 'GET',
            status: 504,
            duration_ms: 30_000,
          },
        })),
      ),
    ],
  });
  // 3. A crash on the About page: unhandled, but three users in a day on a page nobody needs.
  machine.push({
    name: 'rare crash on a non-critical page',
    grade: 1,
    marker: 'teamPhotos',
    events: [700, 701, 702].map((n) =>
      error(n, at(2, 20), '/about', 'RangeError', 'teamPhotos: invalid array length', 'renderTeam', {
        mechanism: { type: 'onerror', handled: false },
      }),
    ),
  });
  // 4. A noisy console error from two open admin tabs polling every few seconds: thousands of events, nobody affected.
  machine.push({
    name: 'noisy harmless console error',
    grade: 0,
    marker: 'ResizeObserver',
    events: Array.from({ length: 3000 }, (_, k) => ({
      ...base(990 + (k % 2), now - (k / 3000) * 30 * HOUR, '/admin/stats'),
      type: 'console',
      level: 'error',
      message: { formatted: 'ResizeObserver loop completed with undelivered notifications.' },
    })),
  });
  // Filler: small errors, each seen by a handful of users on ordinary pages.
  for (let f = 0; f < 8; f++) {
    const users = pick(2, 9);
    machine.push({
      name: `filler error ${f + 1}`,
      grade: 0,
      marker: `widget${f}`,
      events: Array.from({ length: users }, () => pick(0, ACTIVE_USERS)).map((n) =>
        error(
          n,
          at(1, 40),
          ['/products', '/product/17', '/account', '/blog'][f % 4]!,
          'TypeError',
          `widget${f} is not a function`,
          `widget${f}`,
        ),
      ),
    });
  }

  const manual: PlantedManualIssue[] = [
    // 5. A likely risk against the launch milestone next week.
    {
      name: 'high-likelihood risk against a milestone next week',
      grade: 3,
      title: 'Payment provider certificate expires before the launch',
      type: 'risk',
      impact: 4,
      likelihood: 5,
      milestone: true,
    },
    // Filler written by people: ordinary work with nothing pressing.
    { name: 'filler task 1', grade: 0, title: 'Tidy the footer links', type: 'task' },
    { name: 'filler task 2', grade: 0, title: 'Add a dark mode toggle', type: 'feature' },
    { name: 'filler task 3', grade: 0, title: 'Rename the wishlist button', type: 'task', impact: 1 },
    {
      name: 'filler risk',
      grade: 0,
      title: 'Old browser share might grow',
      type: 'risk',
      impact: 2,
      likelihood: 1,
    },
  ];
  return { pageLoads, machine, manual };
}

/** NDCG@k of a ranking of grades against the ideal order of the same grades. */
export function ndcgAt(k: number, rankedGrades: readonly number[], allGrades: readonly number[]): number {
  const dcg = (gs: readonly number[]) =>
    gs.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...allGrades].sort((a, b) => b - a));
  return ideal === 0 ? 1 : dcg(rankedGrades) / ideal;
}
