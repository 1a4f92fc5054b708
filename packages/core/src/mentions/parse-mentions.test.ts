import { describe, expect, it } from 'vitest';
import { mentionedHandles, parseMentions } from './parse-mentions.ts';

describe('parseMentions', () => {
  it('finds @handles at the start, after spaces and after punctuation', () => {
    expect(mentionedHandles('@mia can you look? cc (@Design), @ops-team!')).toEqual([
      'mia',
      'design',
      'ops-team',
    ]);
  });

  it('reports offsets of the whole mention', () => {
    expect(parseMentions('hi @mia.')).toEqual([{ handle: 'mia', start: 3, end: 7 }]);
  });

  it('keeps trailing punctuation out of the handle', () => {
    expect(mentionedHandles('thanks @mia. And @bob-, @carl_')).toEqual(['mia', 'bob', 'carl']);
  });

  it('accepts dots, plus and dashes inside a handle', () => {
    expect(mentionedHandles('@mia.member and @a+b-c')).toEqual(['mia.member', 'a+b-c']);
  });

  it('accepts a full email address after the @', () => {
    expect(mentionedHandles('ask @Mia@Example.com about it')).toEqual(['mia@example.com']);
  });

  it('does not treat email addresses, URLs or escaped @ as mentions', () => {
    expect(mentionedHandles('mail mia@example.com, see https://x.dev/@mia and \\@mia or a.@b')).toEqual([]);
  });

  it('ignores inline code and fenced code blocks', () => {
    const text = [
      'use `@mia` here',
      '```',
      '@bob in code',
      '```',
      '~~~js',
      '@carl',
      '~~~',
      'but @dana counts',
    ].join('\n');
    expect(mentionedHandles(text)).toEqual(['dana']);
  });

  it('deduplicates case-insensitively, keeping first-appearance order', () => {
    expect(mentionedHandles('@Bob @mia @bob @MIA')).toEqual(['bob', 'mia']);
  });

  it('ignores a lone @ and overlong handles', () => {
    expect(mentionedHandles('@ nobody @')).toEqual([]);
    expect(mentionedHandles(`@${'a'.repeat(65)}`)).toEqual([]);
  });

  it('finds mentions in Markdown emphasis and lists', () => {
    expect(mentionedHandles('- **@mia** and _@bob_\n> @quoted')).toEqual(['mia', 'bob', 'quoted']);
  });
});
