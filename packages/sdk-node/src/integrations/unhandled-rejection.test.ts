import { describe, expect, it } from 'vitest';
import { errorStatus } from './http-status.ts';
import { unhandledRejectionMode } from './unhandled-rejection.ts';

describe('unhandledRejectionMode', () => {
  it("is Node's default `throw` unless a flag says otherwise (the last one wins)", () => {
    expect(unhandledRejectionMode([], '')).toBe('throw');
    expect(unhandledRejectionMode(['--unhandled-rejections=warn'], '')).toBe('warn');
    expect(unhandledRejectionMode([], '--max-old-space-size=100 --unhandled-rejections=none')).toBe('none');
    expect(unhandledRejectionMode(['--unhandled-rejections=bogus'], '')).toBe('throw');
  });
});

describe('errorStatus', () => {
  it("uses the error's 4xx/5xx status, then the response's, then 500", () => {
    expect(errorStatus({ statusCode: 404 }, 200)).toBe(404);
    expect(errorStatus({ status: 503 }, 200)).toBe(503);
    expect(errorStatus(new Error('x'), 502)).toBe(502);
    expect(errorStatus(new Error('x'), 200)).toBe(500);
    expect(errorStatus({ status: 302 }, undefined)).toBe(500);
  });
});
