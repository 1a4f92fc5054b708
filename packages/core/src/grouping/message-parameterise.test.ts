import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parameteriseMessage, parameterisePath, parameteriseUrl } from './message-parameterise.ts';

describe('parameteriseMessage', () => {
  it.each([
    ['Order 1234 not found', 'Order <int> not found'],
    ['Request failed with status code 503', 'Request failed with status code <int>'],
    ['timeout of 30000ms exceeded', 'timeout of <int>ms exceeded'],
    ['No user with email jane.doe+shop@example.co.uk', 'No user with email <email>'],
    ['Session 9f86d081-884c-4d63-9a4e-1b2c3d4e5f60 expired', 'Session <uuid> expired'],
    ['Cart 5f2a9c8d11e7b3a4c6d8e0f1 is locked', 'Cart <hex> is locked'],
    ['Segmentation at 0x7ffee4b8c9a0', 'Segmentation at <hex>'],
    ['connect ECONNREFUSED 10.0.3.17:5432', 'connect ECONNREFUSED <ip>:<int>'],
    // `::1:5432` is itself a valid IPv6 address; the port cannot be told apart.
    ['connect ECONNREFUSED ::1:5432', 'connect ECONNREFUSED <ip>'],
    ['peer fe80::1ff:fe23:4567:890a reset', 'peer <ip> reset'],
    ['Invalid date 2024-06-11T12:00:03.123Z', 'Invalid date <date>'],
    ['Not before 2024-06-11', 'Not before <date>'],
    ['Expired at Tue Jun 11 2024 12:00:00 GMT+0200 (Central European Summer Time)', 'Expired at <date>'],
    ['Took 3.25 seconds', 'Took <float> seconds'],
    ['Unsupported client v1.24.3-beta.2', 'Unsupported client <version>'],
    ['Stripe error on pi_3NxY2kLkdIwHu7ix0kXz9Q', 'Stripe error on pi_<id>'],
    ['Item order-1234 and user_42 missing', 'Item order-<int> and user_<int> missing'],
    ['net::ERR_CONNECTION_REFUSED', 'net::ERR_CONNECTION_REFUSED'],
    [
      'Failed to fetch https://api.shop.example/orders/1234/items?page=2#top.',
      'Failed to fetch https://api.shop.example/orders/<int>/items.',
    ],
    [
      'Loading chunk 827 failed. (error: https://shop.example/static/js/827.3f9a1c2b.chunk.js)',
      'Loading chunk <int> failed. (error: https://shop.example/static/js/<int>.<hex>.chunk.js)',
    ],
    ['GET /api/orders/1234/lines/9 returned 404', 'GET /api/orders/<int>/lines/<int> returned <int>'],
    // Quoted text: kept when it names code, replaced when it carries data.
    [
      "Cannot read properties of undefined (reading 'price')",
      "Cannot read properties of undefined (reading 'price')",
    ],
    [
      'can\'t access property "price", item is undefined',
      'can\'t access property "price", item is undefined',
    ],
    [
      "undefined is not an object (evaluating 'item.price')",
      "undefined is not an object (evaluating 'item.price')",
    ],
    ["Cannot find module './CheckoutPage'", "Cannot find module './CheckoutPage'"],
    [
      `Unexpected token '<', "<!DOCTYPE "... is not valid JSON`,
      'Unexpected token \'<\', "<str>"... is not valid JSON',
    ],
    [`Coupon "SUMMER 2024" is not valid`, 'Coupon "<str>" is not valid'],
    ["Unknown SKU 'TSHIRT-42'", "Unknown SKU '<str>'"],
    ["it's broken and can't recover", "it's broken and can't recover"],
    ['Search for blue%20shirt failed', 'Search for blue%20shirt failed'],
    ['', ''],
  ])('%s', (input, expected) => {
    expect(parameteriseMessage(input)).toBe(expected);
  });

  it('groups messages that differ only in their values', () => {
    const a = parameteriseMessage(
      'User 17 (ann@shop.example) failed to pay order 4411 at 2024-06-11T10:00:00Z',
    );
    const b = parameteriseMessage(
      'User 90312 (bob@mail.example) failed to pay order 9 at 2024-07-01T23:59:59+02:00',
    );
    expect(a).toBe(b);
  });

  it('keeps the browser wordings of one TypeError apart (grouping relies on the stack for those)', () => {
    const chrome = parameteriseMessage("Cannot read properties of undefined (reading 'price')");
    const firefox = parameteriseMessage('can\'t access property "price", item is undefined');
    expect(chrome).not.toBe(firefox);
  });

  it('is idempotent', () => {
    const pieces = fc.constantFrom(
      ' ',
      'Order ',
      '1234',
      '3.14',
      '-',
      '_',
      '.',
      ':',
      '/',
      "'",
      '"',
      '`',
      '@',
      '%20',
      'x',
      'deadbeef',
      '0x1f',
      'ab12cd34ef',
      'https://',
      'api.shop.example',
      '/orders/',
      '?q=1',
      'jane@shop.example',
      '9f86d081-884c-4d63-9a4e-1b2c3d4e5f60',
      '10.0.0.1',
      '::1',
      '2024-06-11',
      'T12:00:00Z',
      '<int>',
      'v1.2.3',
    );
    const messages = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(messages, (message) => {
        const once = parameteriseMessage(message);
        expect(parameteriseMessage(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and stays fast on long hostile input', () => {
    const hostile = [
      'a'.repeat(16_000),
      '1'.repeat(16_000),
      "'".repeat(16_000),
      'a@'.repeat(8_000),
      '1.'.repeat(8_000),
      'ab:'.repeat(5_000),
      'http://'.repeat(2_000),
    ];
    const started = performance.now();
    for (const text of hostile) parameteriseMessage(text);
    // Generous: a quadratic regex would take seconds here, not milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 500 }),
        (s) => typeof parameteriseMessage(s) === 'string',
      ),
    );
  });
});

describe('parameteriseUrl and parameterisePath', () => {
  it.each([
    ['https://api.shop.example/orders/1234?page=2', 'https://api.shop.example/orders/<int>'],
    ['HTTPS://API.Shop.Example/Orders/1234', 'https://api.shop.example/Orders/<int>'],
    [
      'https://user:secret@api.shop.example:8443/v1/carts/9f86d081-884c-4d63-9a4e-1b2c3d4e5f60',
      'https://api.shop.example:8443/v1/carts/<uuid>',
    ],
    ['http://10.0.3.17:8080/health', 'http://<ip>:8080/health'],
    ['https://shop.example/products/blue-shirt-42', 'https://shop.example/products/blue-shirt-<int>'],
    ['https://shop.example/files/5f2a9c8d11e7b3a4c6d8e0f1.pdf', 'https://shop.example/files/<hex>.pdf'],
    ['https://shop.example/', 'https://shop.example/'],
  ])('%s → %s', (url, expected) => {
    expect(parameteriseUrl(url)).toBe(expected);
  });

  it('parameterises ids in paths but keeps the shape', () => {
    expect(parameterisePath('/orders/1234/items/5')).toBe('/orders/<int>/items/<int>');
    expect(parameterisePath('/u/jane@shop.example/2024-06-11')).toBe('/u/<email>/<date>');
    expect(parameterisePath('/orders/:id')).toBe('/orders/:id');
  });
});
