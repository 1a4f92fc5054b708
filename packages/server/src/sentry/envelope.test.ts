import { Invalid } from '@closeloop/shared/errors';
import { describe, expect, it } from 'vitest';
import { InvalidEnvelope, itemJson, MAX_ITEMS, parseEnvelope, serializeEnvelope } from './envelope.ts';

const b = (s: string) => Buffer.from(s, 'utf8');

function failure(input: Buffer): InvalidEnvelope {
  try {
    parseEnvelope(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvelope);
    expect(error).toBeInstanceOf(Invalid);
    return error as InvalidEnvelope;
  }
  throw new Error('expected parseEnvelope to throw');
}

describe('parseEnvelope', () => {
  it('reads an event envelope as the JavaScript SDK writes it (no lengths, no final newline)', () => {
    const env = parseEnvelope(
      b(
        '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","sent_at":"2024-05-01T10:00:00.000Z","dsn":"https://k@h/42"}\n' +
          '{"type":"event"}\n' +
          '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","message":"hello"}',
      ),
    );
    expect(env.header.event_id).toBe('9ec79c33ec9942ab8353589fcb2e04dc');
    expect(env.items).toHaveLength(1);
    expect(env.items[0]?.header).toEqual({ type: 'event' });
    expect(itemJson(env.items[0]!)).toEqual({
      event_id: '9ec79c33ec9942ab8353589fcb2e04dc',
      message: 'hello',
    });
  });

  it('reads payloads with an explicit length, including newlines and binary bytes', () => {
    const binary = Buffer.from([0x00, 0x0a, 0xff, 0x0a, 0x0a, 0x7b]);
    const input = Buffer.concat([
      b('{}\n{"type":"attachment","length":6,"filename":"dump.bin"}\n'),
      binary,
      b('\n{"type":"event","length":2}\n{}\n'),
    ]);
    const env = parseEnvelope(input);
    expect(env.items.map((i) => i.header.type)).toEqual(['attachment', 'event']);
    expect(env.items[0]?.payload).toEqual(binary);
    expect(env.items[0]?.header.filename).toBe('dump.bin');
    expect(env.items[1]?.payload.toString()).toBe('{}');
  });

  it('accepts a header-only envelope, with or without a newline', () => {
    expect(parseEnvelope(b('{}')).items).toEqual([]);
    expect(parseEnvelope(b('{}\n')).items).toEqual([]);
  });

  it('tolerates trailing newlines (and CRLF) after the last item', () => {
    expect(parseEnvelope(b('{}\n{"type":"event"}\n{}\n')).items).toHaveLength(1);
    expect(parseEnvelope(b('{}\n{"type":"event","length":2}\n{}\n\r\n')).items).toHaveLength(1);
  });

  it('reads empty payloads in both forms', () => {
    const env = parseEnvelope(b('{}\n{"type":"a"}\n\n{"type":"b","length":0}\n\n{"type":"c"}'));
    expect(env.items.map((i) => [i.header.type, i.payload.length])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
  });

  it('carries unknown item types through', () => {
    const env = parseEnvelope(b('{}\n{"type":"hologram","x":1}\n{"a":1}'));
    expect(env.items[0]?.header).toEqual({ type: 'hologram', x: 1 });
  });

  it('treats "length": null as no length', () => {
    const env = parseEnvelope(b('{}\n{"type":"event","length":null}\n{}'));
    expect(env.items[0]?.header).toEqual({ type: 'event' });
  });

  it.each([
    ['a header that is not JSON', '{oops\n', 'bad_json', 0],
    ['a header that is not an object', '[1]\n', 'not_an_object', 0],
    ['an item header that is not JSON', '{}\n{"type":\n{}', 'bad_json', 3],
    ['an item header without type', '{}\n{"length":2}\n{}', 'missing_type', 3],
    ['a negative length', '{}\n{"type":"event","length":-1}\n', 'bad_length', 3],
    ['a fractional length', '{}\n{"type":"event","length":1.5}\n', 'bad_length', 3],
    ['a payload shorter than its length', '{}\n{"type":"event","length":10}\n{}', 'truncated', 32],
    [
      'no newline after a sized payload',
      '{}\n{"type":"event","length":2}\n{}x{"type":"event"}\n{}',
      'missing_newline',
      33,
    ],
  ])('refuses %s with a typed error and its byte offset', (_name, input, reason, offset) => {
    const error = failure(b(input));
    expect(error.reason).toBe(reason);
    expect(error.offset).toBe(offset);
    expect(error.details).toEqual({ reason, offset });
  });

  it('refuses invalid UTF-8 in a header', () => {
    expect(failure(Buffer.from([0x7b, 0xff, 0x7d])).reason).toBe('bad_utf8');
  });

  it('reports where a bad payload sits when it is parsed', () => {
    const env = parseEnvelope(b('{}\n{"type":"event"}\n{not json'));
    expect(() => itemJson(env.items[0]!)).toThrow(InvalidEnvelope);
    try {
      itemJson(env.items[0]!);
    } catch (error) {
      expect((error as InvalidEnvelope).offset).toBe(20);
    }
  });

  it('caps the number of items', () => {
    const many = `{}\n${'{"type":"x"}\n\n'.repeat(MAX_ITEMS + 1)}`;
    expect(failure(b(many)).reason).toBe('too_many_items');
  });
});

describe('serializeEnvelope', () => {
  it('adds a length where a payload contains a newline and corrects a wrong one', () => {
    const out = serializeEnvelope({
      header: { event_id: 'e' },
      items: [
        { header: { type: 'event' }, payload: { message: 'hi' } },
        { header: { type: 'attachment' }, payload: 'line1\nline2' },
        { header: { type: 'attachment', length: 999 }, payload: 'ab' },
      ],
    });
    expect(out.toString()).toBe(
      '{"event_id":"e"}\n{"type":"event"}\n{"message":"hi"}\n{"type":"attachment","length":11}\nline1\nline2\n' +
        '{"type":"attachment","length":2}\nab',
    );
    expect(parseEnvelope(out).items.map((i) => i.payload.toString())).toEqual([
      '{"message":"hi"}',
      'line1\nline2',
      'ab',
    ]);
  });
});
