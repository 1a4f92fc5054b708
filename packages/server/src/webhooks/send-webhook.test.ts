import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../test/http-receiver.ts';
import { sendWebhook } from './send-webhook.ts';
import { RefusedTarget } from './target-guard.ts';

const loopbackOk = { allowPrivate: false, allowLoopback: true };
const strict = { allowPrivate: false, allowLoopback: false };

describe('sending a webhook to a real receiver on loopback', () => {
  let rx: HttpReceiver;
  beforeAll(async () => {
    rx = await startHttpReceiver();
  });
  afterAll(() => rx.close());

  it('posts the body with its headers and answers the status and body', async () => {
    const res = await sendWebhook(
      `${rx.url}/hook`,
      '{"a":1}',
      { 'content-type': 'application/json', 'x-test': 'yes' },
      loopbackOk,
    );
    expect(res).toMatchObject({ status: 200, body: 'ok' });
    const got = rx.received.at(-1)!;
    expect(got).toMatchObject({ method: 'POST', url: '/hook', body: '{"a":1}' });
    expect(got.headers['x-test']).toBe('yes');
  });

  it('refuses loopback, by name and by literal, before connecting, when not allowed', async () => {
    const before = rx.received.length;
    await expect(sendWebhook(`http://localhost:${rx.port}/`, '{}', {}, strict)).rejects.toBeInstanceOf(
      RefusedTarget,
    );
    await expect(sendWebhook(`${rx.url}/`, '{}', {}, strict)).rejects.toBeInstanceOf(RefusedTarget);
    expect(rx.received.length).toBe(before);
  });

  it('follows a 307 only to an allowed address, checking the new hop', async () => {
    rx.script = [307];
    rx.answerHeaders = { location: `http://localhost:${rx.port}/moved` };
    const res = await sendWebhook(`${rx.url}/start`, '{"b":2}', {}, loopbackOk);
    rx.answerHeaders = {};
    expect(res.status).toBe(200);
    expect(rx.received.slice(-2).map((r) => [r.url, r.body])).toEqual([
      ['/start', '{"b":2}'],
      ['/moved', '{"b":2}'],
    ]);
    rx.script = [307];
    rx.answerHeaders = { location: 'http://169.254.169.254/latest/meta-data/' };
    await expect(sendWebhook(`${rx.url}/start`, '{}', {}, loopbackOk)).rejects.toBeInstanceOf(RefusedTarget);
    rx.answerHeaders = {};
  });
});
