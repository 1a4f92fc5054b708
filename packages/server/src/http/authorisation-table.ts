/**
 * The reviewed authorisation table: who may call each route, written by hand from the product's
 * rules (SECURITY.md), never derived from the permission code it checks. Every route of
 * the OpenAPI document must appear here; http/authorisation-matrix.test.ts walks every route with
 * every kind of caller and fails on a route missing from this table.
 *
 * - `public`: anyone, signed in or not (sign-in, sign-up, the session probe, sign-out).
 * - `ingest`: only a project ingest key (SDKs); signed-in users' tokens are not ingest keys.
 * - `hook`: only a request signed with the repository hook's secret; unsigned ones get 403.
 * - `viewer` … `owner`: the least role of workspace A that may call it; lower roles get 403,
 *   anyone not signed in (no credential, a revoked token, an expired session, an ingest key
 *   used as a bearer token) gets 401, and a member of workspace B gets 404 for anything of A.
 *
 * API tokens with a scope (the owner's, so the role never decides), on every route that is not
 * `public`/`ingest`/`hook`:
 * - a read-only token: GET is let through; every other method gets 403 (even a preview that
 *   writes nothing: read-only means GET).
 * - a project token: routes whose path begins with one of PROJECT_PATHS name a project; in its
 *   own project they are let through, in another project they get 404 (hidden, like another
 *   workspace's things). Every other route gets 403: it spans the workspace (members, labels,
 *   views, search, tokens, the audit log…), so the token could reach other projects through it.
 *
 * `body`/`query`/`headers` make the call valid for the role that may make it, so a refusal is the
 * route's decision and not the validator's. `own: true` marks routes on the caller's own things
 * (tokens, notifications, settings): a member of B reaches their own, so no 404 is expected.
 */
/** Paths that name one project: its key, or an issue key (SHOP-42 is of project SHOP). */
export const PROJECT_PATHS = ['/api/v1/projects/{key}', '/api/v1/issues/{key}'];

export type Access = 'public' | 'ingest' | 'hook' | 'viewer' | 'member' | 'admin' | 'owner';
export interface RouteRule {
  access: Access;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  own?: boolean;
}

export const AUTHORISATION_TABLE: Record<string, Access | RouteRule> = {
  'POST /api/v1/auth/signup': 'public',
  'POST /api/v1/auth/login': {
    access: 'public',
    body: { email: 'owner@example.com', password: 'owner-password' },
  },
  'POST /api/v1/auth/password-reset': { access: 'public', body: { email: 'nobody@example.com' } },
  'POST /api/v1/auth/password-reset/complete': 'public',
  'POST /api/v1/auth/logout': 'public',
  // An unknown challenge answers 400, as a used reset link does.
  'POST /api/v1/auth/login/two-factor': {
    access: 'public',
    body: { challenge: 'clc_unknown', code: '000000' },
  },
  'GET /api/v1/auth/session': 'public',
  'GET /api/v1/me': { access: 'viewer', own: true },
  // Refused (400, wrong current password) for every signed-in caller; 401 without a credential.
  'POST /api/v1/me/password': {
    access: 'viewer',
    own: true,
    body: { currentPassword: 'not-the-password', newPassword: 'a fine new passphrase' },
  },
  'GET /api/v1/me/sessions': { access: 'viewer', own: true },
  'POST /api/v1/me/sessions/revoke-others': { access: 'viewer', own: true },
  // The fixture session is the member's: others (and the owner of another workspace) get 404.
  'DELETE /api/v1/me/sessions/{id}': { access: 'viewer', own: true },
  'GET /api/v1/me/notification-settings': { access: 'viewer', own: true },
  'GET /api/v1/me/two-factor': { access: 'viewer', own: true },
  'POST /api/v1/me/two-factor/setup': { access: 'viewer', own: true },
  // A wrong code: 400 for every signed-in caller.
  'POST /api/v1/me/two-factor/confirm': { access: 'viewer', own: true, body: { code: '000000' } },
  'POST /api/v1/me/two-factor/disable': { access: 'viewer', own: true, body: { code: '000000' } },
  // Each admin sets their own workspace's switch (the owner of B reaches B's).
  'PUT /api/v1/workspace/two-factor': { access: 'admin', own: true, body: { required: false } },
  // Single sign-on: each admin reads and sets their own workspace's provider; the secret never comes back.
  'GET /api/v1/workspace/sso': { access: 'admin', own: true },
  'PUT /api/v1/workspace/sso': {
    access: 'admin',
    own: true,
    body: { enabled: false, issuer: 'https://idp.example.com', clientId: 'closeloop', allowedDomains: [] },
  },
  // Anyone may start one (a slug with no single sign-on answers 404) or finish one (an unknown state: 400).
  'POST /api/v1/auth/sso/start': { access: 'public', body: { workspace: 'no-such-workspace' } },
  'POST /api/v1/auth/sso/callback': { access: 'public', body: { code: 'c', state: 's' } },
  'PUT /api/v1/me/notification-settings': { access: 'viewer', own: true, body: { email: 'off' } },

  'GET /api/v1/members': { access: 'viewer', own: true },
  'PATCH /api/v1/members/{userId}': { access: 'admin', body: { role: 'viewer' } },
  'DELETE /api/v1/members/{userId}': 'admin',
  'GET /api/v1/members/{id}/availability': 'viewer',
  'PUT /api/v1/members/{id}/availability': {
    access: 'admin',
    body: {
      timeZone: 'UTC',
      workDays: [1, 2, 3, 4, 5],
      workStart: 540,
      workEnd: 1020,
      capacity: 10,
      skills: [],
      outOfOffice: [],
    },
  },
  'GET /api/v1/invitations': { access: 'admin', own: true },
  'DELETE /api/v1/invitations/{id}': 'admin',
  'POST /api/v1/invitations': {
    access: 'admin',
    own: true,
    body: { email: 'new@example.com', role: 'viewer' },
  },

  'GET /api/v1/tokens': { access: 'viewer', own: true },
  'POST /api/v1/tokens': { access: 'viewer', own: true, body: { name: 'matrix' } },
  'DELETE /api/v1/tokens/{id}': 'viewer',

  'GET /api/v1/projects': { access: 'viewer', own: true },
  'POST /api/v1/projects': { access: 'admin', own: true, body: { key: 'NEW', name: 'New' } },
  'GET /api/v1/projects/{key}': 'viewer',
  'PATCH /api/v1/projects/{key}': { access: 'admin', body: { name: 'Matrix' } },
  'POST /api/v1/projects/{key}/issues': { access: 'member', body: { title: 'From the matrix' } },
  'GET /api/v1/projects/{key}/links': 'viewer',
  'GET /api/v1/projects/{key}/milestones': 'viewer',
  'POST /api/v1/projects/{key}/milestones': { access: 'member', body: { name: 'M2' } },
  'GET /api/v1/projects/{key}/similar': { access: 'viewer', query: { title: 'first' } },
  'GET /api/v1/projects/{key}/triage': 'viewer',
  'GET /api/v1/projects/{key}/sla': 'viewer',
  'PUT /api/v1/projects/{key}/sla': {
    access: 'admin',
    body: {
      calendar: {
        timeZone: 'UTC',
        aroundTheClock: false,
        workDays: [1, 2, 3, 4, 5],
        workStart: 540,
        workEnd: 1020,
        holidays: [],
      },
      policy: null,
    },
  },
  'GET /api/v1/projects/{key}/automation-rules': 'viewer',
  'PUT /api/v1/projects/{key}/automation-rules': { access: 'admin', body: { rules: [] } },
  'POST /api/v1/projects/{key}/automation-rules/preview': {
    access: 'viewer',
    body: { condition: 'priority:high' },
  },
  'GET /api/v1/projects/{key}/automation-runs': 'viewer',
  'GET /api/v1/projects/{key}/scoring': 'viewer',
  'PUT /api/v1/projects/{key}/scoring': 'admin',
  'GET /api/v1/projects/{key}/ownership-rules': 'viewer',
  'PUT /api/v1/projects/{key}/ownership-rules': { access: 'admin', body: { rules: [] } },
  'GET /api/v1/projects/{key}/repository-hook': 'admin',
  'PUT /api/v1/projects/{key}/repository-hook': 'admin',

  'GET /api/v1/projects/{key}/workflows': 'viewer',
  'GET /api/v1/projects/{key}/workflows/{type}': 'viewer',
  'PUT /api/v1/projects/{key}/workflows/{type}': 'admin',
  'DELETE /api/v1/projects/{key}/workflows/{type}': 'admin',
  'GET /api/v1/projects/{key}/types': 'viewer',
  'POST /api/v1/projects/{key}/types': { access: 'admin', body: { key: 'chore', name: 'Chore' } },
  'PATCH /api/v1/projects/{key}/types/{type}': { access: 'admin', body: { name: 'Spike' } },
  'DELETE /api/v1/projects/{key}/types/{type}': 'admin',
  'GET /api/v1/projects/{key}/resolutions': 'viewer',
  'POST /api/v1/projects/{key}/resolutions': {
    access: 'admin',
    body: { key: 'not_a_bug', name: 'Not a bug' },
  },
  'PATCH /api/v1/projects/{key}/resolutions/{resolution}': { access: 'admin', body: { name: 'Not planned' } },
  // Built-in resolutions are never removed (409 for admins); lower roles are refused first.
  'DELETE /api/v1/projects/{key}/resolutions/{resolution}': 'admin',
  'GET /api/v1/projects/{key}/lessons-rule': 'viewer',
  'PUT /api/v1/projects/{key}/lessons-rule': { access: 'admin', body: { query: 'label:security' } },
  'POST /api/v1/projects/{key}/lessons-rule/preview': { access: 'viewer', body: { query: 'label:security' } },
  'GET /api/v1/projects/{key}/fields': 'viewer',
  'POST /api/v1/projects/{key}/fields': {
    access: 'admin',
    body: { key: 'size', name: 'Size', type: 'text' },
  },
  'PATCH /api/v1/projects/{key}/fields/{field}': { access: 'admin', body: { name: 'Area' } },
  'DELETE /api/v1/projects/{key}/fields/{field}': 'admin',

  // DSNs are public by design (they ship inside the monitored web pages); members set up SDKs.
  'GET /api/v1/projects/{key}/ingest-keys': 'viewer',
  'POST /api/v1/projects/{key}/ingest-keys': { access: 'admin', body: { name: 'matrix' } },
  'PATCH /api/v1/projects/{key}/ingest-keys/{id}': { access: 'admin', body: { name: 'web' } },
  'GET /api/v1/projects/{key}/ingest-settings': 'viewer',
  'PUT /api/v1/projects/{key}/ingest-settings': {
    access: 'admin',
    body: { fingerprintRules: '', scrubFields: [] },
  },
  'GET /api/v1/projects/{key}/dead-events': 'admin',
  'POST /api/v1/projects/{key}/dead-events/{id}/retry': 'admin',
  'DELETE /api/v1/projects/{key}/dead-events/{id}': 'admin',
  'GET /api/v1/projects/{key}/releases': 'viewer',
  'GET /api/v1/projects/{key}/releases/issues': 'viewer',
  'POST /api/v1/projects/{key}/releases': { access: 'admin', body: { version: 'shop@9.9.9' } },
  'GET /api/v1/projects/{key}/releases/{release}/source-maps': 'viewer',
  'POST /api/v1/projects/{key}/releases/{release}/source-maps': {
    access: 'admin',
    body: { fileUrl: '~/app.js', sourceMap: '{"version":3,"sources":[],"names":[],"mappings":""}' },
  },
  'GET /api/v1/projects/{key}/client-reports': 'viewer',
  'GET /api/v1/projects/{key}/feedback': 'viewer',
  'GET /api/v1/projects/{key}/events/{eventId}/attachments': 'viewer',
  'GET /api/v1/projects/{key}/attachments/{id}': 'viewer',
  'GET /api/v1/projects/{key}/performance': 'viewer',
  'GET /api/v1/projects/{key}/performance-settings': 'viewer',
  'PUT /api/v1/projects/{key}/performance-settings': {
    access: 'admin',
    body: { timeZone: 'UTC', thresholds: {}, factor: 2, minSamples: 20, routePatterns: [], flows: [] },
  },
  'GET /api/v1/projects/{key}/replay-settings': 'viewer',
  'PUT /api/v1/projects/{key}/replay-settings': { access: 'admin', body: { retentionDays: 30 } },
  'GET /api/v1/projects/{key}/replays/{replayId}': 'viewer',
  'GET /api/v1/projects/{key}/replays/{replayId}/segments/{segmentId}': 'viewer',
  'GET /api/v1/projects/{key}/sessions': 'viewer',
  'GET /api/v1/projects/{key}/sessions/{sessionId}': 'viewer',
  'GET /api/v1/projects/{key}/sessions/{sessionId}/recording': 'viewer',

  'GET /api/v1/issues': { access: 'viewer', own: true },
  'GET /api/v1/issues/count': { access: 'viewer', own: true },
  'GET /api/v1/issues/{key}/sla': 'viewer',
  'POST /api/v1/issues/bulk': { access: 'member', body: { keys: ['MAT-2'], set: { priority: 'low' } } },
  'GET /api/v1/issues/{key}': 'viewer',
  'PATCH /api/v1/issues/{key}': 'member',
  'DELETE /api/v1/issues/{key}': 'admin',
  'GET /api/v1/issues/{key}/activity': 'viewer',
  'PATCH /api/v1/issues/{key}/assessment': 'member',
  'GET /api/v1/issues/{key}/assignee-suggestions': 'viewer',
  'GET /api/v1/issues/{key}/children': 'viewer',
  'GET /api/v1/issues/{key}/comments': 'viewer',
  'POST /api/v1/issues/{key}/comments': { access: 'member', body: { body: 'from the matrix' } },
  'GET /api/v1/issues/{key}/commits': 'viewer',
  'GET /api/v1/issues/{key}/lessons': 'viewer',
  'PUT /api/v1/issues/{key}/lessons': { access: 'member', body: { rootCause: 'an old asset' } },
  'POST /api/v1/issues/{key}/lessons/actions': { access: 'member', body: { title: 'Check the assets' } },
  'GET /api/v1/issues/{key}/verification': 'viewer',
  'GET /api/v1/issues/{key}/recurrence': 'viewer',
  'PUT /api/v1/issues/{key}/verification': { access: 'member', body: { mode: 'now' } },
  'GET /api/v1/issues/{key}/links': 'viewer',
  'POST /api/v1/issues/{key}/links': { access: 'member', body: { type: 'blocks', target: 'MAT-2' } },
  'DELETE /api/v1/issues/{key}/links/{id}': 'member',
  'POST /api/v1/issues/{key}/merge': { access: 'member', body: { into: 'MAT-2' } },
  'POST /api/v1/issues/{key}/merge/undo': 'member',
  'POST /api/v1/issues/{key}/close-as-duplicate': {
    access: 'member',
    body: { original: 'MAT-2', version: 1 },
  },
  'GET /api/v1/issues/{key}/past-resolutions': 'viewer',
  'GET /api/v1/issues/{key}/merges': 'viewer',
  'GET /api/v1/issues/{key}/monitoring': 'viewer',
  'GET /api/v1/issues/{key}/reactions': 'viewer',
  'GET /api/v1/issues/{key}/severity': 'viewer',
  'GET /api/v1/issues/{key}/similar': 'viewer',
  'GET /api/v1/issues/{key}/triage': 'viewer',
  'GET /api/v1/issues/{key}/user-reports': 'viewer',
  // The fixture issue has no reports: a member gets past the checks to 404.
  'POST /api/v1/issues/{key}/user-reports/{id}/questions': { access: 'member', body: { body: 'x' } },
  'GET /api/v1/projects/{key}/report-form': 'viewer',
  'PUT /api/v1/projects/{key}/report-form': { access: 'admin', body: { enabled: true } },
  'GET /api/v1/projects/{key}/mail-intake': 'viewer',
  'PUT /api/v1/projects/{key}/mail-intake': { access: 'admin', body: { enabled: true } },
  // The public report form and its tracking link: anyone (the form must be on; rate per IP).
  'GET /api/public/report-forms/{formId}': 'public',
  'GET /api/public/report-forms/{formId}/known-issues': 'public',
  'POST /api/public/report-forms/{formId}/reports': { access: 'public', body: { description: 'x' } },
  'GET /api/public/tracking/{token}': 'public',
  'POST /api/public/tracking/{token}/replies': { access: 'public', body: { body: 'x' } },
  // Mailed-in reports' files: whoever may read the issue. The fixture issue has none (404 past the checks).
  'GET /api/v1/issues/{key}/user-reports/attachments/{id}': 'viewer',
  'GET /api/v1/issues/{key}/comments/attachments/{id}': 'viewer',
  'POST /api/v1/issues/{key}/triage': { access: 'member', body: { action: 'accept' } },
  'GET /api/v1/issues/{key}/watchers': 'viewer',
  'POST /api/v1/issues/{key}/watchers/me': 'viewer',
  'DELETE /api/v1/issues/{key}/watchers/me': 'viewer',
  'GET /api/v1/issues/{key}/worklogs': 'viewer',
  'POST /api/v1/issues/{key}/worklogs': { access: 'member', body: { minutes: 15 } },
  // The fixture log is the owner's: only its author or an admin deletes it.
  'DELETE /api/v1/issues/{key}/worklogs/{id}': 'admin',

  // The fixture comment is the owner's: only its author or an admin changes it.
  'PATCH /api/v1/comments/{id}': { access: 'admin', body: { body: 'edited' } },
  'DELETE /api/v1/comments/{id}': 'admin',
  'GET /api/v1/comments/{id}/reactions': 'viewer',
  // Viewers may react (a reaction is not an edit).
  'POST /api/v1/comments/{id}/reactions': { access: 'viewer', body: { emoji: '👍' } },
  'GET /api/v1/comments/{id}/revisions': 'viewer',

  'GET /api/v1/labels': { access: 'viewer', own: true },
  'POST /api/v1/labels': { access: 'member', own: true, body: { name: 'new-label' } },
  'DELETE /api/v1/labels/{id}': 'member',
  'GET /api/v1/milestones/{id}': 'viewer',
  'PATCH /api/v1/milestones/{id}': { access: 'member', body: { name: 'M1' } },
  'DELETE /api/v1/milestones/{id}': 'admin',
  'GET /api/v1/teams': { access: 'viewer', own: true },
  'POST /api/v1/teams': { access: 'admin', own: true, body: { key: 'new-team', name: 'New team' } },
  'GET /api/v1/teams/{id}': 'viewer',
  'PATCH /api/v1/teams/{id}': { access: 'admin', body: { name: 'Team' } },
  'DELETE /api/v1/teams/{id}': 'admin',
  'GET /api/v1/teams/{id}/assignment': 'viewer',
  'PATCH /api/v1/teams/{id}/assignment': 'admin',
  'GET /api/v1/teams/{id}/workload': 'viewer',
  'GET /api/v1/workload': { access: 'viewer', own: true },
  'GET /api/v1/views': { access: 'viewer', own: true },
  'POST /api/v1/views': { access: 'viewer', own: true, body: { name: 'Mine too' } },
  'GET /api/v1/views/{id}': 'viewer',
  'PATCH /api/v1/views/{id}': { access: 'admin', body: { version: 1, name: 'Mine' } },
  'DELETE /api/v1/views/{id}': 'admin',
  'GET /api/v1/views/{id}/issues': 'viewer',

  // Webhooks send workspace data to outside addresses: admins only.
  'GET /api/v1/webhooks': { access: 'admin', own: true },
  'POST /api/v1/webhooks': {
    access: 'admin',
    own: true,
    body: { name: 'New', url: 'https://hooks.example.com/new', events: ['issue.created'] },
  },
  'PATCH /api/v1/webhooks/{id}': { access: 'admin', body: { name: 'Renamed' } },
  'DELETE /api/v1/webhooks/{id}': 'admin',
  'POST /api/v1/webhooks/{id}/rotate-secret': 'admin',
  'GET /api/v1/webhooks/{id}/deliveries': 'admin',
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': 'admin',

  'POST /api/v1/projects/{key}/end-user-data/delete': { access: 'admin', body: { userId: 'nobody-here' } },
  'GET /api/v1/audit-log': { access: 'admin', own: true },
  'GET /api/v1/audit-log/csv': { access: 'admin', own: true },

  'GET /api/v1/notifications': { access: 'viewer', own: true },
  'POST /api/v1/notifications/read-all': { access: 'viewer', own: true },
  'GET /api/v1/notifications/unread-count': { access: 'viewer', own: true },
  'PATCH /api/v1/notifications/{id}': { access: 'viewer', body: { read: true } },
  'GET /api/v1/knowledge': { access: 'viewer', own: true, query: { q: 'first' } },
  'GET /api/v1/reports': { access: 'viewer', own: true },
  'GET /api/v1/reports/csv': { access: 'viewer', own: true, query: { table: 'open-by-priority' } },
  'GET /api/v1/stream': { access: 'viewer', own: true, headers: { 'last-event-id': 'not-an-id' } },

  'POST /api/ingest/v1/events': { access: 'ingest', body: { events: [] } },
  'POST /api/ingest/v1/replays': 'ingest',
  'POST /api/ingest/v1/reports': 'ingest',
  'GET /api/ingest/v1/report-form': 'ingest',
  'GET /api/ingest/v1/known-issues': { access: 'ingest', query: { text: 'checkout' } },
  'POST /api/{projectId}/envelope/': 'ingest',
  'POST /api/{projectId}/store/': 'ingest',
  'POST /api/hooks/v1/push/{hookId}': 'hook',
  // Inbound mail from a provider: only with the shared secret header (no caller of the matrix has it).
  'POST /api/hooks/v1/mail': { access: 'hook', body: { from: 'pat@example.com', to: 'shop@mail.test' } },
};
