import type { IssueCreate } from '@closeloop/shared/api/issues';

/** The demo workspace's people and issues: the two stories of DESIGN.md §1 and realistic company. */

export const DEMO_OWNER = { email: 'demo@closeloop.dev', password: 'closeloop-demo', name: 'Dana Demo' };

export const DEMO_PEOPLE = [
  { key: 'priya', email: 'priya@closeloop.dev', name: 'Priya Shah', role: 'member' },
  { key: 'marco', email: 'marco@closeloop.dev', name: 'Marco Rossi', role: 'member' },
  { key: 'sam', email: 'sam@closeloop.dev', name: 'Sam Okafor', role: 'admin' },
  { key: 'lee', email: 'lee@closeloop.dev', name: 'Lee Chen', role: 'member' },
  { key: 'ava', email: 'ava@closeloop.dev', name: 'Ava Novak', role: 'viewer' },
] as const;
export type PersonKey = (typeof DEMO_PEOPLE)[number]['key'] | 'owner';

export const DEMO_TEAMS = [
  { key: 'design', name: 'Design', members: ['priya'] },
  { key: 'marketing', name: 'Marketing', members: ['marco'] },
  { key: 'launch-squad', name: 'Launch squad (design + marketing)', members: ['priya', 'marco'] },
  { key: 'checkout', name: 'Checkout', members: ['sam', 'lee'] },
] as const;

type DemoIssue = Omit<
  IssueCreate,
  'assigneeUserId' | 'assigneeTeamId' | 'description' | 'type' | 'priority' | 'labels'
> &
  Partial<Pick<IssueCreate, 'description' | 'type' | 'priority' | 'labels'>> & {
    assignee?: PersonKey;
    team?: (typeof DEMO_TEAMS)[number]['key'];
    by?: PersonKey;
    comments?: { by: PersonKey; body: string }[];
    close?: { resolution: 'fixed' | 'wont_fix' | 'duplicate' | 'cannot_reproduce'; note: string };
  };

export const APP_ISSUES: DemoIssue[] = [
  {
    title: 'Marketing used design v3, not v5, for the launch campaign',
    type: 'risk',
    priority: 'high',
    team: 'launch-squad',
    by: 'owner',
    labels: ['launch', 'design-assets'],
    dueDate: '2026-12-04',
    description: [
      "Found at Tuesday's check-in: the App Store screenshots and the launch landing page use **design v3** assets.",
      'The approved visuals are **v5** (new onboarding flow, new icon).',
      '',
      '### Impact on the timeline',
      '- Milestone: *Public launch* (Dec 10)',
      '- Affected deliverables: store screenshots, landing page hero, press kit',
      '- Re-export and re-approval need ~3 working days',
      '',
      '### Next steps',
      '1. Design exports the v5 asset pack with a version in the file name',
      '2. Marketing swaps assets and sends the press kit again',
    ].join('\n'),
    comments: [
      {
        by: 'priya',
        body: 'v5 asset pack is in the shared drive under `/launch/v5/`. File names now carry the version.',
      },
      { by: 'marco', body: 'Swapping the landing page today; press kit goes out again tomorrow morning.' },
    ],
  },
  {
    title: 'Onboarding screens: final copy review',
    type: 'task',
    priority: 'medium',
    assignee: 'marco',
    labels: ['launch'],
    dueDate: '2026-12-02',
  },
  {
    title: 'App icon renders blurry on Android 12 launcher',
    type: 'bug',
    priority: 'medium',
    assignee: 'priya',
    labels: ['android'],
  },
  {
    title: 'Release checklist for the store submission',
    type: 'task',
    priority: 'high',
    assignee: 'owner',
    labels: ['launch'],
    dueDate: '2026-12-08',
  },
  {
    title: 'Push notification permission prompt appears too early',
    type: 'feature',
    priority: 'low',
    labels: ['onboarding'],
  },
  {
    title: 'Legal review of the privacy labels is blocked on the analytics vendor',
    type: 'blocker',
    priority: 'urgent',
    assignee: 'sam',
    labels: ['launch', 'legal'],
    dueDate: '2026-12-03',
  },
];

export const SHOP_STORY: DemoIssue = {
  title: 'Checkout is slow around 12:00 EST and users rage-click out of their carts',
  type: 'incident',
  priority: 'urgent',
  team: 'checkout',
  assignee: 'sam',
  by: 'lee',
  labels: ['checkout', 'performance'],
  description: [
    'Between 11:45 and 12:30 EST the `/checkout` route takes **6–9 s** to become interactive (p75 LCP 7.2 s, normal 1.8 s).',
    'Sessions show repeated clicks on *Place order* followed by cart abandonment.',
    '',
    '- Affected users: ~1,900 in the last 3 days',
    '- Route: `/checkout`, release `shop-web@2026.11.3`',
    '- Suspect: the shipping-rates call fans out to 3 carriers without a timeout',
  ].join('\n'),
  comments: [
    {
      by: 'sam',
      body: 'Traces show `GET /api/shipping/rates` p95 at 5.8 s during the lunch peak. Adding a 1.5 s budget per carrier.',
    },
    {
      by: 'lee',
      body: '@sam the rates cache TTL is also 30 s; raising it to 10 min should cut the fan-out by ~90%.',
    },
  ],
};

const SHOP_TITLES: [string, DemoIssue['type'], DemoIssue['priority'], string[]][] = [
  ['Payment form loses the entered card on validation error', 'bug', 'high', ['checkout', 'payments']],
  ['Apple Pay button missing on Safari 17', 'bug', 'high', ['checkout', 'payments', 'safari']],
  ['Coupon code field accepts expired codes', 'bug', 'medium', ['checkout', 'promotions']],
  ['Product images load at full resolution on mobile', 'bug', 'medium', ['performance', 'mobile']],
  ['Search returns no results for plurals ("shoes")', 'bug', 'medium', ['search']],
  ['Add order tracking link to the confirmation email', 'feature', 'low', ['email']],
  ['Cart badge count is wrong after removing the last item', 'bug', 'low', ['cart']],
  ['Out-of-stock items can still be added from the wishlist', 'bug', 'high', ['cart', 'inventory']],
  ['Guest checkout: ask for the email first', 'feature', 'medium', ['checkout', 'conversion']],
  [
    'TypeError: Cannot read properties of undefined (reading "price") on /product/:id',
    'bug',
    'high',
    ['errors'],
  ],
  ['Shipping rates API times out for rural postcodes', 'incident', 'high', ['checkout', 'shipping']],
  ['Address autocomplete sends a request on every keystroke', 'task', 'low', ['performance']],
  ['Migrate product listing to server-side pagination', 'task', 'medium', ['performance', 'catalog']],
  ['Currency switcher resets on page reload', 'bug', 'low', ['i18n']],
  ['German translations overflow the checkout buttons', 'bug', 'low', ['i18n', 'checkout']],
  ['Dead click: "Size guide" link does nothing on product pages', 'bug', 'medium', ['frustration']],
  ['Black Friday: raise rate limits for the catalog API', 'task', 'urgent', ['black-friday']],
  ['Black Friday: load test checkout at 5x normal traffic', 'task', 'high', ['black-friday', 'performance']],
  ['Risk: payment provider deprecates API v2 on Jan 31', 'risk', 'high', ['payments']],
  ['Blocker: staging database is out of disk', 'blocker', 'urgent', ['infra']],
  ['Reviews widget blocks the main thread for 400 ms', 'bug', 'medium', ['performance']],
  ['Add Klarna as a payment method', 'feature', 'low', ['payments']],
  ['Order history page shows orders of another user after logout/login', 'incident', 'urgent', ['security']],
  ['Newsletter popup covers the checkout button on small screens', 'bug', 'medium', ['mobile', 'checkout']],
  ['Gift cards cannot be combined with coupons', 'feature', 'none', ['promotions']],
  ['Return request form fails with 500 for orders older than 30 days', 'bug', 'medium', ['returns']],
  ['Improve empty state of the wishlist', 'task', 'none', ['ux']],
  ['Product video autoplays with sound', 'bug', 'low', ['ux']],
  ['Track web vitals per route in the dashboard', 'feature', 'medium', ['performance']],
  ['CSV export of orders for finance', 'feature', 'low', ['admin']],
  ['Inventory sync job runs twice at midnight', 'bug', 'medium', ['inventory']],
  ['Remove legacy jQuery from the product page', 'task', 'low', ['tech-debt']],
  ['Postcode validation rejects valid UK postcodes', 'bug', 'high', ['checkout', 'i18n']],
  ['Add "Buy again" button to order history', 'feature', 'low', ['conversion']],
  ['Slow first load of /category pages (LCP 4.1 s)', 'bug', 'high', ['performance']],
  ['Cookie banner reappears on every page', 'bug', 'medium', ['ux', 'legal']],
];

const ROTATION: PersonKey[] = ['sam', 'lee', 'priya', 'marco', 'owner'];
const STATUSES = ['backlog', 'todo', 'todo', 'in_progress', 'in_review', 'done', 'todo', 'in_progress'];

export function shopIssues(): (DemoIssue & { status: string })[] {
  return SHOP_TITLES.map(([title, type, priority, labels], i) => {
    const status = STATUSES[i % STATUSES.length]!;
    const due = i % 3 === 0 ? `2026-12-${String((i % 27) + 1).padStart(2, '0')}` : null;
    return {
      title,
      type,
      priority,
      labels,
      status,
      ...(i % 5 === 4 ? {} : { assignee: ROTATION[i % ROTATION.length]! }),
      by: ROTATION[(i + 2) % ROTATION.length]!,
      dueDate: due,
      estimateMinutes: i % 4 === 0 ? 60 * ((i % 8) + 1) : null,
      ...(status === 'done'
        ? { close: { resolution: 'fixed' as const, note: 'Fixed and verified in production.' } }
        : {}),
    };
  });
}
