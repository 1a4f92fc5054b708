import { describe, expect, it } from 'vitest';
import { htmlMailText, trimMailReply } from './mail-reply-trim.ts';

describe('trimMailReply', () => {
  it('cuts the quoted message under a Gmail "On … wrote:" line and the > lines', () => {
    const body = [
      'Same here, the cart empties itself after login.',
      '',
      'On Tue, 1 Dec 2026 at 10:00, Closeloop <closeloop@example.com> wrote:',
      '> Mia Member commented on SHOP-12',
      '> can you check?',
    ].join('\r\n');
    expect(trimMailReply(body)).toBe('Same here, the cart empties itself after login.');
  });

  it('cuts a long "On … wrote:" folded over two lines', () => {
    const body =
      'Fixed on my side.\n\nOn Tue, 1 Dec 2026 at 10:00, Closeloop Notifications\n<n@example.com> wrote:\n> x';
    expect(trimMailReply(body)).toBe('Fixed on my side.');
  });

  it("cuts Outlook's Original Message and From:/Sent: header blocks", () => {
    expect(trimMailReply('Yes.\n-----Original Message-----\nFrom: a\nold text')).toBe('Yes.');
    expect(trimMailReply('Agreed.\n\nFrom: Closeloop <c@x.io>\nSent: Tuesday\nTo: me\n\nold')).toBe(
      'Agreed.',
    );
    expect(trimMailReply('Ok\n________________________________\nFrom: x')).toBe('Ok');
  });

  it('drops the signature after "-- " and phone tags', () => {
    expect(trimMailReply('The page is blank.\n\n-- \nPat Doe\nACME Corp')).toBe('The page is blank.');
    expect(trimMailReply('The page is blank.\n\nSent from my iPhone')).toBe('The page is blank.');
  });

  it('keeps inline answers between quoted lines, and the whole text when nothing is quoted', () => {
    expect(trimMailReply('> is it slow?\nYes, very.\n> since when?\nMonday.')).toBe('Yes, very.\nMonday.');
    const plain = 'Steps:\n1. open the cart\n2. press pay\n\n\n\nNothing happens.';
    expect(trimMailReply(plain)).toBe('Steps:\n1. open the cart\n2. press pay\n\nNothing happens.');
  });

  it('is empty for a mail with nothing but quote and signature', () => {
    expect(trimMailReply('On Mon, 1 Dec 2026, X wrote:\n> hi\n')).toBe('');
    expect(trimMailReply('-- \nPat')).toBe('');
  });
});

describe('htmlMailText', () => {
  it('keeps the words and line breaks, drops the quoted blockquote, styles and tags', () => {
    const html =
      '<html><head><style>p{}</style></head><body><p>Checkout &amp; cart are broken</p><div>since&nbsp;Monday<br>really</div>' +
      '<blockquote type="cite">old mail</blockquote></body></html>';
    expect(htmlMailText(html).trim()).toBe('Checkout & cart are broken\nsince Monday\nreally');
  });
});
