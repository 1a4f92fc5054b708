import type { IngestEvent } from '@closeloop/shared/ingest/event';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMatchingRule, globToRegExp, parseFingerprintRules, ruleSubject } from './fingerprint-rules.ts';

function parse(text: string) {
  const result = parseFingerprintRules(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rules;
}

function errorsOf(text: string) {
  const result = parseFingerprintRules(text);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

function buildEvent(overrides: Partial<IngestEvent>): IngestEvent {
  return { event_id: '0'.repeat(32), type: 'error', timestamp: 1, platform: 'browser', ...overrides };
}

describe('parseFingerprintRules', () => {
  it('reads matchers, quoted values, components, variables, titles and comments', () => {
    const rules = parse(`
# chunk errors after a deploy
error.type:ChunkLoadError -> chunk-load-error
message:"*timeout*" -> timeouts title="Timeouts"   # trailing comment
path:/checkout/* status:5xx -> checkout-5xx
!module:"vendor/*" function:handle* tags.team:payments -> {{ default }}, "payments team", {{ tags.team }}
type:TypeError event:error level:error -> typeerrors
`);
    expect(rules).toHaveLength(5);
    expect(rules[0]).toMatchObject({
      line: 3,
      fingerprint: ['chunk-load-error'],
      matchers: [{ key: 'error.type', value: 'ChunkLoadError', negated: false }],
    });
    expect(rules[1]).toMatchObject({ fingerprint: ['timeouts'], title: 'Timeouts' });
    expect(rules[2]!.matchers.map((m) => [m.key, m.value])).toEqual([
      ['path', '/checkout/*'],
      ['status', '5xx'],
    ]);
    expect(rules[3]!.matchers.map((m) => [m.key, m.negated, m.tag])).toEqual([
      ['module', true, undefined],
      ['function', false, undefined],
      ['tags', false, 'team'],
    ]);
    expect(rules[3]!.fingerprint).toEqual(['{{ default }}', 'payments team', '{{ tags.team }}']);
    expect(rules[4]!.matchers.map((m) => m.key)).toEqual(['error.type', 'event.type', 'level']);
  });

  it('reads escaped quotes', () => {
    expect(parse(String.raw`message:"say \"hi\"*" -> hi`)[0]!.matchers[0]!.value).toBe('say "hi"*');
  });

  it.each([
    ['error.type:X', 1, 13, 'expected "->"'],
    ['-> x', 1, 1, 'expected at least one matcher'],
    ['error.type:X ->', 1, 16, 'expected a fingerprint after "->"'],
    ['colour:red -> x', 1, 1, 'unknown matcher "colour"'],
    ['message:"*timeout -> x', 1, 9, 'unterminated quoted value'],
    ['status:500s -> x', 1, 8, 'status must be'],
    ['event.type:crash -> x', 1, 12, 'unknown event type "crash"'],
    ['level:loud -> x', 1, 7, 'unknown level'],
    ['type:X -> a b', 1, 13, 'expected "," between'],
    ['type:X -> a,', 1, 12, 'trailing ","'],
    ['type:X -> {{ nope }}', 1, 11, 'unknown variable {{ nope }}'],
    ['type:X -> a colour="red"', 1, 13, 'unknown attribute "colour"'],
    ['type:X -> a title="x" title="y"', 1, 23, 'title is given twice'],
    ['message: -> x', 1, 9, 'empty value'],
    ['type:X -> {{ default', 1, 11, 'unclosed "{{"'],
  ])('reports %j at line %i column %i', (text, line, column, message) => {
    const [error] = errorsOf(text);
    expect(error).toMatchObject({ line, column });
    expect(error!.message).toContain(message);
  });

  it('reports every bad line with its own line number', () => {
    const errors = errorsOf('type:A -> a\ncolour:red -> b\n\ntype:B ->\n');
    expect(errors.map((e) => e.line)).toEqual([2, 4]);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parseFingerprintRules(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('globToRegExp', () => {
  it('matches * and ? case-insensitively and escapes everything else', () => {
    expect(globToRegExp('*timeout*').test('Request TIMEOUT of 30s')).toBe(true);
    expect(globToRegExp('/checkout/*').test('/checkout/pay/confirm')).toBe(true);
    expect(globToRegExp('/checkout/*').test('/cart')).toBe(false);
    expect(globToRegExp('a.b?').test('a.bc')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
    expect(globToRegExp('(x)[y]').test('(x)[y]')).toBe(true);
  });
});

describe('findMatchingRule', () => {
  const rules = parse(`
error.type:ChunkLoadError -> chunk
message:"*timeout*" -> timeouts
function:"*checkout*" !module:"vendor/*" -> checkout-code
path:/checkout/* status:5xx -> checkout-5xx
url:"https://api.partner.example/*" status:failed -> partner-down
route:/orders/:id -> order-page
tags.team:payments environment:prod* -> payments-prod
event.type:rage_click -> rage
release:1.* level:fatal -> fatal-1x
`);
  const match = (event: IngestEvent) => findMatchingRule(rules, ruleSubject(event))?.fingerprint[0];

  it('matches on exception type and message (exception value or message text)', () => {
    expect(match(buildEvent({ exception: { type: 'ChunkLoadError', value: '', frames: [] } }))).toBe('chunk');
    expect(match(buildEvent({ exception: { type: 'Error', value: 'Gateway Timeout', frames: [] } }))).toBe(
      'timeouts',
    );
    expect(match(buildEvent({ type: 'message', message: { formatted: 'db timeout after 5s' } }))).toBe(
      'timeouts',
    );
  });

  it('matches function and module on any frame, with negation', () => {
    const frames = [{ function: 'submitCheckout', filename: 'https://shop.example/src/cart.js' }];
    expect(match(buildEvent({ exception: { type: 'Error', value: '', frames } }))).toBe('checkout-code');
    const vendor = [{ function: 'checkoutWidget', filename: 'https://shop.example/vendor/widget.js' }];
    expect(match(buildEvent({ exception: { type: 'Error', value: '', frames: vendor } }))).toBeUndefined();
  });

  it('matches URL path and status class of network events, and failed requests', () => {
    const net = (url: string, status?: number, error?: string) =>
      buildEvent({
        type: 'network',
        request: { url, method: 'GET', ...(status ? { status } : {}), ...(error ? { error } : {}) },
      });
    expect(match(net('https://shop.example/checkout/pay?x=1', 503))).toBe('checkout-5xx');
    expect(match(net('https://shop.example/checkout/pay', 404))).toBeUndefined();
    expect(match(net('https://api.partner.example/rates', undefined, 'Failed to fetch'))).toBe(
      'partner-down',
    );
  });

  it('matches route, tags, environment, event type, release and level', () => {
    expect(match(buildEvent({ type: 'console', route: '/orders/:id' }))).toBe('order-page');
    expect(
      match(buildEvent({ type: 'console', tags: { team: 'payments' }, environment: 'production' })),
    ).toBe('payments-prod');
    expect(
      match(buildEvent({ type: 'console', tags: { team: 'payments' }, environment: 'staging' })),
    ).toBeUndefined();
    expect(match(buildEvent({ type: 'rage_click', click: { selector: 'button' } }))).toBe('rage');
    expect(match(buildEvent({ type: 'message', release: '1.4.0', level: 'fatal' }))).toBe('fatal-1x');
  });
});
