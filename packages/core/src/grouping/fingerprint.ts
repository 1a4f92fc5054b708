import { createHash } from 'node:crypto';
import type { EventType, IngestEvent } from '@closeloop/shared/ingest/event';
import type { IssueKind } from '@closeloop/shared/issue-fields';
import {
  expandVariables,
  type FingerprintRule,
  findMatchingRule,
  isDefaultPlaceholder,
  ruleSubject,
  urlPath,
} from './fingerprint-rules.ts';
import { type FrameIdentity, frameGroupingKey, frameIdentity } from './frame-normalise.ts';
import { parameteriseMessage, parameterisePath } from './message-parameterise.ts';
import { exceptionFrames } from './stack-parse.ts';

/**
 * Turns an event into the fingerprint of the issue it belongs to. Events with the same
 * `hash` (within a project) are one issue. See docs/grouping.md.
 *
 * Run it on symbolicated frames when a source map exists: symbolication turns weak minified
 * names into real ones and so changes the hash.
 */

/** Bump when the default components change: old and new hashes must not be mixed silently. */
export const GROUPING_VERSION = 'v1';

export const GROUPED_EVENT_TYPES = [
  'error',
  'message',
  'console',
  'network',
  'rage_click',
  'dead_click',
] as const;
export type GroupedEventType = (typeof GROUPED_EVENT_TYPES)[number];
export type MachineIssueKind = Extract<IssueKind, 'error' | 'network' | 'frustration'>;

/** Whether events of this type become issues. Vitals, page loads, route changes and transactions do not (yet). */
export function eventTypeGroups(type: EventType): type is GroupedEventType {
  return (GROUPED_EVENT_TYPES as readonly string[]).includes(type);
}

export function issueKindForEventType(type: EventType): MachineIssueKind | null {
  switch (type) {
    case 'error':
    case 'message':
    case 'console':
      return 'error';
    case 'network':
      return 'network';
    case 'rage_click':
    case 'dead_click':
      return 'frustration';
    default:
      return null;
  }
}

export type GroupingBasis =
  | 'in_app_frames'
  | 'all_frames'
  /** Every frame was anonymous or minified, so the parameterised message was added. */
  | 'frames_and_message'
  | 'exception_message'
  | 'message'
  | 'console'
  | 'network'
  | 'frustration'
  | 'project_rule'
  | 'event_fingerprint';

export interface DefaultGrouping {
  kind: MachineIssueKind;
  basis: GroupingBasis;
  components: string[];
  title: string;
  culprit: string;
  /** The frame that the culprit names, for `{{ function }}` / `{{ module }}`. */
  culpritFrame: FrameIdentity | null;
}

export interface EventFingerprint {
  /** 32 lowercase hex characters; stable across processes and versions of Node. */
  hash: string;
  kind: MachineIssueKind;
  title: string;
  culprit: string;
  basis: GroupingBasis;
  /** What was hashed, for a "why are these grouped" view. */
  components: string[];
  /** The project rule that decided, when one did. */
  rule?: { line: number; source: string };
}

const TITLE_LENGTH = 200;
/** A message component longer than this is cut: the start of a message says what it is. */
const MESSAGE_COMPONENT_LENGTH = 1_000;

export function fingerprintEvent(
  event: IngestEvent,
  rules: readonly FingerprintRule[] = [],
): EventFingerprint | null {
  const grouping = defaultGrouping(event);
  if (grouping === null) return null;

  const rule = rules.length > 0 ? findMatchingRule(rules, ruleSubject(event)) : undefined;
  // A project rule beats the SDK's fingerprint: it is the team's decision, made on the server,
  // and can correct a bad SDK fingerprint without a redeploy.
  const custom = rule?.fingerprint ?? (event.fingerprint?.length ? event.fingerprint : undefined);
  if (custom === undefined) {
    return {
      hash: hashComponents(grouping.kind, grouping.components),
      kind: grouping.kind,
      title: grouping.title,
      culprit: grouping.culprit,
      basis: grouping.basis,
      components: grouping.components,
    };
  }

  const resolve = variableResolver(event, grouping);
  const components = custom.flatMap((component) =>
    isDefaultPlaceholder(component) ? grouping.components : [expandVariables(component, resolve)],
  );
  const title = rule?.title
    ? truncate(expandVariables(rule.title, (name) => (name === 'default' ? grouping.title : resolve(name))))
    : grouping.title;
  const result: EventFingerprint = {
    hash: hashComponents(grouping.kind, ['custom', ...components]),
    kind: grouping.kind,
    title,
    culprit: grouping.culprit,
    basis: rule ? 'project_rule' : 'event_fingerprint',
    components,
  };
  if (rule) result.rule = { line: rule.line, source: rule.source };
  return result;
}

/**
 * The kind is part of the hash so that a custom fingerprint shared by, say, a network event
 * and an error still yields two issues of one kind each.
 */
export function hashComponents(kind: MachineIssueKind, components: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([GROUPING_VERSION, kind, ...components]))
    .digest('hex')
    .slice(0, 32);
}

export function defaultGrouping(event: IngestEvent): DefaultGrouping | null {
  const kind = issueKindForEventType(event.type);
  if (kind === null) return null;
  switch (event.type) {
    case 'error':
      return event.exception ? errorGrouping(event, event.exception) : messageGrouping(event, 'message');
    case 'message':
      return messageGrouping(event, 'message');
    case 'console':
      return messageGrouping(event, 'console');
    case 'network':
      return networkGrouping(event);
    case 'rage_click':
    case 'dead_click':
      return frustrationGrouping(event);
    default:
      return null;
  }
}

// ---------------------------------------------------------------- errors

function errorGrouping(
  event: IngestEvent,
  exception: NonNullable<IngestEvent['exception']>,
): DefaultGrouping {
  const type = exception.type || 'Error';
  const value = exception.value ?? '';
  const title = truncate(value ? `${type}: ${firstLine(value)}` : type);
  const identities = exceptionFrames(exception).map(frameIdentity);
  const inApp = identities.filter((id) => id.inApp);
  const used = inApp.length > 0 ? inApp : identities;
  const culpritFrame = used.at(-1) ?? null;
  const culprit = culpritFrame ? formatCulprit(culpritFrame) : pageCulprit(event);
  const message = messageComponent(value);

  if (used.length === 0) {
    return {
      kind: 'error',
      basis: 'exception_message',
      components: ['error', type, message],
      title,
      culprit,
      culpritFrame,
    };
  }
  const keys = collapseRepeats(used.map(frameGroupingKey));
  const strong = used.some((id) => !id.weak && id.function !== null);
  const components = ['error', type, ...keys];
  if (!strong) components.push(message);
  const basis: GroupingBasis = !strong
    ? 'frames_and_message'
    : inApp.length > 0
      ? 'in_app_frames'
      : 'all_frames';
  return { kind: 'error', basis, components, title, culprit, culpritFrame };
}

/** Recursion (`a → a → a`) groups with a single call, as Sentry does. */
function collapseRepeats(keys: string[]): string[] {
  return keys.filter((key, i) => i === 0 || keys[i - 1] !== key);
}

/** Sentry's JavaScript culprit: `function(module)`. */
function formatCulprit(frame: FrameIdentity): string {
  return `${frame.function ?? '?'}(${frame.module})`;
}

// ---------------------------------------------------------------- messages and console

function messageGrouping(event: IngestEvent, basis: 'message' | 'console'): DefaultGrouping {
  // A template (`Order %s failed`) groups better than its formatted text; parameterise anyway.
  const text = event.message?.template ?? event.message?.formatted ?? exceptionText(event) ?? '';
  const shown = event.message?.formatted ?? exceptionText(event) ?? '';
  const components =
    basis === 'console'
      ? ['console', messageComponent(text)]
      : ['message', event.level ?? 'info', messageComponent(text)];
  const title = truncate(
    firstLine(shown) || (basis === 'console' ? '(empty console message)' : '(empty message)'),
  );
  return { kind: 'error', basis, components, title, culprit: pageCulprit(event), culpritFrame: null };
}

function exceptionText(event: IngestEvent): string | undefined {
  const e = event.exception;
  if (!e) return undefined;
  return e.value ? `${e.type}: ${e.value}` : e.type;
}

function messageComponent(text: string): string {
  return parameteriseMessage(text).slice(0, MESSAGE_COMPONENT_LENGTH);
}

// ---------------------------------------------------------------- network

export type StatusClass = '5xx' | '4xx' | 'failed';

/** `failed` is a request that got no HTTP answer (network error, CORS, abort, status 0). */
export function statusClass(request: NonNullable<IngestEvent['request']>): StatusClass | null {
  if (request.error !== undefined || !request.status) return 'failed';
  if (request.status >= 500) return '5xx';
  if (request.status >= 400) return '4xx';
  return null;
}

function networkGrouping(event: IngestEvent): DefaultGrouping | null {
  const request = event.request;
  if (!request) return null;
  // A request that succeeded was sent because it was slow: performance, not a network issue.
  const cls = statusClass(request);
  if (cls === null) return null;
  const method = (request.method || 'GET').toUpperCase();
  const host = urlHost(request.url) ?? (event.url ? urlHost(event.url) : null) ?? '';
  const path = parameterisePath(urlPath(request.url));
  const target = `${host}${path}`;
  const what = cls === 'failed' ? 'Request failed' : `HTTP ${request.status}`;
  return {
    kind: 'network',
    basis: 'network',
    components: ['network', method, target, cls],
    title: truncate(`${what}: ${method} ${target}`),
    culprit: pageCulprit(event),
    culpritFrame: null,
  };
}

/** Lower-cased `host[:port]` of an absolute URL, without credentials; null for a relative URL. */
export function urlHost(url: string): string | null {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(url);
  if (!match) return null;
  return match[1]!.replace(/^.*@/, '').toLowerCase();
}

// ---------------------------------------------------------------- frustration

/**
 * One issue per element and route, whatever the click type: a rage click and a dead click on the
 * same "Apply coupon" button are one frustration with the same cause, not two issues.
 */
function frustrationGrouping(event: IngestEvent): DefaultGrouping | null {
  const selector = event.click?.selector;
  if (!selector) return null;
  const route = groupingRoute(event);
  const cleanSelector = normaliseSelector(selector);
  const text = event.click?.text?.trim();
  const target = text ? `"${truncate(firstLine(text), 60)}" (${cleanSelector})` : cleanSelector;
  return {
    kind: 'frustration',
    basis: 'frustration',
    components: ['click', route, cleanSelector],
    title: truncate(`Rage or dead clicks on ${target} at ${route}`),
    culprit: route,
    culpritFrame: null,
  };
}

/** The router's pattern (`/orders/:id`) when the SDK knows it, else the parameterised URL path. */
function groupingRoute(event: IngestEvent): string {
  if (event.route) return parameterisePath(event.route);
  if (event.url) return parameterisePath(urlPath(event.url));
  return '/';
}

/**
 * Generated class names change with every build: CSS modules (`.Button_primary__3xk9a`),
 * styled-components (`.sc-bdfBwQ`, `.kTNgAz`), emotion (`.css-1x2y3z`). Numbers in ids and
 * `:nth-child(3)` become `<int>`, so a rage click on any row of a list is one issue.
 */
export function normaliseSelector(selector: string): string {
  return parameteriseMessage(
    selector
      .trim()
      .replace(/(\.[A-Za-z][\w-]*?)__[\w-]{5,}\b/g, '$1')
      .replace(/\.sc-[A-Za-z0-9]{4,}\b/g, '')
      .replace(/\.(?=[a-zA-Z]{6}\b)(?=[a-z]*[A-Z][a-z]*[A-Z])[a-zA-Z]{6}\b/g, '')
      .replace(/\.css-[a-z0-9]+(-[\w]+)?\b/g, '.css-<hash>')
      .replace(/\s+/g, ' '),
  );
}

// ---------------------------------------------------------------- helpers

function pageCulprit(event: IngestEvent): string {
  if (event.route) return event.route;
  if (event.url) return parameterisePath(urlPath(event.url));
  return '';
}

function variableResolver(event: IngestEvent, grouping: DefaultGrouping): (name: string) => string {
  return (name) => {
    switch (name) {
      case 'default':
        return grouping.components.join(' ');
      case 'error.type':
        return event.exception?.type ?? '';
      case 'error.value':
        return messageComponent(event.exception?.value ?? '');
      case 'message':
        return messageComponent(event.message?.formatted ?? event.exception?.value ?? '');
      case 'event.type':
        return event.type;
      case 'level':
        return event.level ?? '';
      case 'route':
        return groupingRoute(event);
      case 'path':
        return parameterisePath(urlPath(event.request?.url ?? event.url ?? ''));
      case 'status':
        return event.request ? (statusClass(event.request) ?? String(event.request.status ?? '')) : '';
      case 'function':
        return grouping.culpritFrame?.function ?? '';
      case 'module':
        return grouping.culpritFrame?.module ?? '';
      default:
        if (name.startsWith('tags.')) return event.tags?.[name.slice('tags.'.length)] ?? '';
        return '';
    }
  };
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return (newline < 0 ? text : text.slice(0, newline)).trim();
}

function truncate(text: string, length = TITLE_LENGTH): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
