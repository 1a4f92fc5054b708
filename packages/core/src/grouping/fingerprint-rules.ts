import { EVENT_TYPES, type IngestEvent } from '@closeloop/shared/ingest/event';
import { frameModule, normaliseFunction } from './frame-normalise.ts';
import { exceptionFrames } from './stack-parse.ts';

/**
 * Per-project fingerprint rules, one per line, in the spirit of Sentry's server-side
 * fingerprinting:
 *
 *     # comment
 *     error.type:ChunkLoadError                     -> chunk-load-error
 *     message:"*timeout*"                           -> timeouts title="Timeouts"
 *     path:/checkout/* status:5xx                   -> checkout-5xx
 *     function:"handle*" !module:"vendor/*"         -> {{ default }}, handlers
 *
 * All matchers of a rule must hold (`!` negates one); the first rule that matches wins. Values
 * are globs (`*` any run of characters, `?` one character), compared case-insensitively.
 * The full syntax is in docs/grouping.md.
 */

export const MATCHER_KEYS = [
  'error.type',
  'error.value',
  'message',
  'module',
  'function',
  'file',
  'url',
  'path',
  'route',
  'status',
  'event.type',
  'level',
  'release',
  'environment',
  'tags',
] as const;
export type MatcherKey = (typeof MATCHER_KEYS)[number];

/** Shorter spellings accepted on input; stored rules always carry the canonical key. */
const KEY_ALIASES: Record<string, MatcherKey> = {
  type: 'error.type',
  event: 'event.type',
  value: 'error.value',
};

/** Variables a fingerprint component or a title may contain as `{{ name }}`. */
export const FINGERPRINT_VARIABLES = [
  'default',
  'error.type',
  'error.value',
  'message',
  'event.type',
  'level',
  'route',
  'path',
  'status',
  'function',
  'module',
] as const;

const LEVELS = ['debug', 'info', 'warning', 'error', 'fatal'];

export interface RuleMatcher {
  key: MatcherKey;
  /** For `tags.<name>`. */
  tag?: string;
  negated: boolean;
  /** The value as written (quotes removed). */
  value: string;
  pattern: RegExp;
  column: number;
}

export interface FingerprintRule {
  /** 1-based line in the rules text. */
  line: number;
  source: string;
  matchers: RuleMatcher[];
  /** Components, possibly holding `{{ default }}` and other variables. */
  fingerprint: string[];
  title?: string;
}

export interface RuleSyntaxError {
  line: number;
  /** 1-based column where the problem starts. */
  column: number;
  message: string;
}

export type RulesParseResult =
  | { ok: true; rules: FingerprintRule[] }
  | { ok: false; errors: RuleSyntaxError[] };

export const MAX_RULES = 500;
const MAX_RULE_LENGTH = 2_000;

export function parseFingerprintRules(text: string): RulesParseResult {
  const rules: FingerprintRule[] = [];
  const errors: RuleSyntaxError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((source, index) => {
    const line = index + 1;
    if (source.length > MAX_RULE_LENGTH) {
      errors.push({ line, column: 1, message: `rule is longer than ${MAX_RULE_LENGTH} characters` });
      return;
    }
    const result = parseRuleLine(source, line);
    if (result === null) return;
    if ('message' in result) errors.push(result);
    else rules.push(result);
  });
  if (rules.length > MAX_RULES) {
    errors.push({
      line: rules[MAX_RULES]!.line,
      column: 1,
      message: `at most ${MAX_RULES} rules per project`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}

// ---------------------------------------------------------------- tokenizer

type Token =
  | { kind: 'word'; text: string; column: number; quoted: boolean }
  | { kind: 'arrow' | 'comma' | 'equals'; column: number };

class SyntaxFailure extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Words are bare runs (up to whitespace, `,` or `=` — except inside `{{ … }}`) or quoted with
 * `"…"` (`\"` and `\\` escape). A `#` outside quotes starts a comment. `key:"quoted value"`
 * is one word; the quotes are removed and `quoted` is set.
 */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t') {
      i++;
      continue;
    }
    if (ch === '#') break;
    const column = i + 1;
    if (source.startsWith('->', i)) {
      tokens.push({ kind: 'arrow', column });
      i += 2;
      continue;
    }
    if (ch === ',' || ch === '=') {
      tokens.push({ kind: ch === ',' ? 'comma' : 'equals', column });
      i++;
      continue;
    }
    let text = '';
    let quoted = false;
    while (i < source.length) {
      const c = source[i]!;
      if (c === '"') {
        const end = readQuoted(source, i);
        text += end.text;
        quoted = true;
        i = end.next;
        continue;
      }
      if (source.startsWith('{{', i)) {
        const close = source.indexOf('}}', i + 2);
        if (close < 0) throw new SyntaxFailure(i + 1, 'unclosed "{{" — variables are written {{ name }}');
        text += source.slice(i, close + 2);
        i = close + 2;
        continue;
      }
      if (c === ' ' || c === '\t' || c === ',' || c === '=' || c === '#' || source.startsWith('->', i)) break;
      text += c;
      i++;
    }
    tokens.push({ kind: 'word', text, column, quoted });
  }
  return tokens;
}

function readQuoted(source: string, start: number): { text: string; next: number } {
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (c === '"') return { text, next: i + 1 };
    text += c;
    i++;
  }
  throw new SyntaxFailure(start + 1, 'unterminated quoted value — add the closing "');
}

// ---------------------------------------------------------------- parser

function parseRuleLine(source: string, line: number): FingerprintRule | RuleSyntaxError | null {
  let tokens: Token[];
  try {
    tokens = tokenize(source);
  } catch (error) {
    if (error instanceof SyntaxFailure) return { line, column: error.column, message: error.message };
    throw error;
  }
  if (tokens.length === 0) return null;
  try {
    const arrowAt = tokens.findIndex((t) => t.kind === 'arrow');
    if (arrowAt < 0) {
      throw new SyntaxFailure(source.length + 1, 'expected "->" followed by the fingerprint');
    }
    if (arrowAt === 0)
      throw new SyntaxFailure(tokens[0]!.column, 'expected at least one matcher before "->"');
    const matchers = tokens.slice(0, arrowAt).map(parseMatcher);
    const { fingerprint, title } = parseAction(tokens.slice(arrowAt + 1), tokens[arrowAt]!.column, source);
    const rule: FingerprintRule = { line, source: source.trim(), matchers, fingerprint };
    if (title !== undefined) rule.title = title;
    return rule;
  } catch (error) {
    if (error instanceof SyntaxFailure) return { line, column: error.column, message: error.message };
    throw error;
  }
}

function parseMatcher(token: Token): RuleMatcher {
  if (token.kind !== 'word') {
    const what = token.kind === 'comma' ? '","' : '"="';
    throw new SyntaxFailure(token.column, `unexpected ${what} before "->"; matchers are key:value`);
  }
  let text = token.text;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  const colon = text.indexOf(':');
  if (colon <= 0) {
    throw new SyntaxFailure(
      token.column,
      `expected key:value, got "${text}" (keys: ${MATCHER_KEYS.join(', ')})`,
    );
  }
  const rawKey = text.slice(0, colon).toLowerCase();
  const value = text.slice(colon + 1);
  const valueColumn = token.column + (negated ? 1 : 0) + colon + 1;
  let key: MatcherKey;
  let tag: string | undefined;
  if (rawKey.startsWith('tags.') && rawKey.length > 'tags.'.length) {
    key = 'tags';
    tag = text.slice('tags.'.length, colon);
  } else if (KEY_ALIASES[rawKey]) {
    key = KEY_ALIASES[rawKey];
  } else if ((MATCHER_KEYS as readonly string[]).includes(rawKey) && rawKey !== 'tags') {
    key = rawKey as MatcherKey;
  } else {
    throw new SyntaxFailure(
      token.column + (negated ? 1 : 0),
      `unknown matcher "${rawKey}" (known: ${MATCHER_KEYS.filter((k) => k !== 'tags').join(', ')}, tags.<name>)`,
    );
  }
  if (value === '' && !token.quoted) throw new SyntaxFailure(valueColumn, `empty value for "${rawKey}"`);
  validateValue(key, value, valueColumn);
  const matcher: RuleMatcher = { key, negated, value, pattern: globToRegExp(value), column: token.column };
  if (tag !== undefined) matcher.tag = tag;
  return matcher;
}

function validateValue(key: MatcherKey, value: string, column: number): void {
  if (key === 'status' && !/^(\d{3}|[1-5]xx|failed)$/i.test(value)) {
    throw new SyntaxFailure(
      column,
      `status must be a code (503), a class (5xx, 4xx) or "failed", got "${value}"`,
    );
  }
  if (key === 'event.type' && !value.includes('*') && !(EVENT_TYPES as readonly string[]).includes(value)) {
    throw new SyntaxFailure(column, `unknown event type "${value}" (known: ${EVENT_TYPES.join(', ')})`);
  }
  if (key === 'level' && !value.includes('*') && !LEVELS.includes(value.toLowerCase())) {
    throw new SyntaxFailure(column, `unknown level "${value}" (known: ${LEVELS.join(', ')})`);
  }
}

function parseAction(
  tokens: Token[],
  arrowColumn: number,
  source: string,
): { fingerprint: string[]; title?: string } {
  const fingerprint: string[] = [];
  let title: string | undefined;
  let expectComponent = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'comma') {
      if (expectComponent)
        throw new SyntaxFailure(token.column, 'expected a fingerprint component before ","');
      expectComponent = true;
      continue;
    }
    if (token.kind !== 'word')
      throw new SyntaxFailure(token.column, `unexpected "${token.kind === 'arrow' ? '->' : '='}"`);
    const next = tokens[i + 1];
    if (next?.kind === 'equals') {
      // An attribute: only `title="…"` exists.
      if (token.text !== 'title' || token.quoted) {
        throw new SyntaxFailure(token.column, `unknown attribute "${token.text}" (only title="…")`);
      }
      if (title !== undefined) throw new SyntaxFailure(token.column, 'title is given twice');
      const value = tokens[i + 2];
      if (value?.kind !== 'word') throw new SyntaxFailure(next.column + 1, 'expected a value after title=');
      validateVariables(value.text, value.column);
      title = value.text;
      i += 2;
      expectComponent = false;
      continue;
    }
    if (!expectComponent) {
      throw new SyntaxFailure(token.column, 'expected "," between fingerprint components');
    }
    if (token.text.trim() === '') throw new SyntaxFailure(token.column, 'empty fingerprint component');
    if (title !== undefined) throw new SyntaxFailure(token.column, 'fingerprint components go before title=');
    validateVariables(token.text, token.column);
    fingerprint.push(token.text);
    expectComponent = false;
  }
  if (fingerprint.length === 0) {
    throw new SyntaxFailure(
      Math.min(arrowColumn + 2, source.length + 1),
      'expected a fingerprint after "->"',
    );
  }
  if (expectComponent) throw new SyntaxFailure(source.trimEnd().length, 'trailing "," — add a component');
  return title === undefined ? { fingerprint } : { fingerprint, title };
}

const VARIABLE = /\{\{\s*([^}]*?)\s*\}\}/g;

function validateVariables(text: string, column: number): void {
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1]!;
    if ((FINGERPRINT_VARIABLES as readonly string[]).includes(name)) continue;
    if (/^tags\.[\w.-]+$/.test(name)) continue;
    throw new SyntaxFailure(
      column + (match.index ?? 0),
      `unknown variable {{ ${name} }} (known: ${FINGERPRINT_VARIABLES.join(', ')}, tags.<name>)`,
    );
  }
}

/**
 * Replaces every `{{ name }}` in `template` by `resolve(name)`. A component that is exactly
 * `{{ default }}` is expanded by the caller instead (it stands for several components).
 */
export function expandVariables(template: string, resolve: (name: string) => string): string {
  return template.replace(VARIABLE, (_, name: string) => resolve(name));
}

export function isDefaultPlaceholder(component: string): boolean {
  return /^\{\{\s*default\s*\}\}$/.test(component);
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

// ---------------------------------------------------------------- matching

/** What the matchers see of an event; built once per event. */
export interface RuleSubject {
  eventType: string;
  errorType: string | null;
  errorValue: string | null;
  message: string | null;
  frames: { module: string; function: string | null; rawFunction: string | null; file: string | null }[];
  url: string | null;
  path: string | null;
  route: string | null;
  status: number | null;
  failed: boolean;
  level: string | null;
  release: string | null;
  environment: string | null;
  tags: Record<string, string>;
}

export function ruleSubject(event: IngestEvent): RuleSubject {
  const exception = event.exception;
  const frames = exception ? exceptionFrames(exception) : [];
  const url = event.type === 'network' && event.request ? event.request.url : (event.url ?? null);
  return {
    eventType: event.type,
    errorType: exception?.type ?? null,
    errorValue: exception?.value ?? null,
    message: event.message?.formatted ?? exception?.value ?? null,
    frames: frames.map((frame) => ({
      module: frameModule(frame),
      function: normaliseFunction(frame.function).name,
      rawFunction: frame.function ?? null,
      file: frame.abs_path ?? frame.filename ?? null,
    })),
    url,
    path: url === null ? null : urlPath(url),
    route: event.route ?? null,
    status: event.request?.status ?? null,
    failed: event.request !== undefined && (event.request.error !== undefined || !event.request.status),
    level: event.level ?? null,
    release: event.release ?? null,
    environment: event.environment ?? null,
    tags: event.tags ?? {},
  };
}

/** The path of an absolute or relative URL, without query or fragment. */
export function urlPath(url: string): string {
  const withoutOrigin = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  const path = withoutOrigin.replace(/[?#].*$/s, '');
  return path === '' ? '/' : path;
}

export function findMatchingRule(
  rules: readonly FingerprintRule[],
  subject: RuleSubject,
): FingerprintRule | undefined {
  return rules.find((rule) => rule.matchers.every((m) => matcherHolds(m, subject) !== m.negated));
}

function matcherHolds(matcher: RuleMatcher, s: RuleSubject): boolean {
  const test = (value: string | null | undefined) => value != null && matcher.pattern.test(value);
  switch (matcher.key) {
    case 'error.type':
      return test(s.errorType);
    case 'error.value':
      return test(s.errorValue);
    case 'message':
      return test(s.message);
    case 'module':
      return s.frames.some((f) => test(f.module));
    case 'function':
      return s.frames.some((f) => test(f.function) || test(f.rawFunction));
    case 'file':
      return s.frames.some((f) => test(f.file));
    case 'url':
      return test(s.url);
    case 'path':
      return test(s.path);
    case 'route':
      return test(s.route) || (s.route === null && test(s.path));
    case 'status':
      return statusMatches(matcher.value.toLowerCase(), s);
    case 'event.type':
      return test(s.eventType);
    case 'level':
      return test(s.level);
    case 'release':
      return test(s.release);
    case 'environment':
      return test(s.environment);
    case 'tags':
      return test(s.tags[matcher.tag ?? '']);
  }
}

function statusMatches(value: string, s: RuleSubject): boolean {
  if (value === 'failed') return s.failed;
  if (s.status === null) return false;
  if (value.endsWith('xx')) return Math.floor(s.status / 100) === Number(value[0]);
  return s.status === Number(value);
}
