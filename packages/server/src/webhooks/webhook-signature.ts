import { createHmac } from 'node:crypto';

/**
 * `Closeloop-Signature: t=<unix seconds>,v1=<hex>` where hex is HMAC-SHA256(secret, "<t>.<body>").
 * While a rotated secret is still valid the header carries one `v1` per secret, so a receiver
 * configured with either accepts the delivery. The timestamp lets receivers refuse replays.
 */
export function signatureHeader(secrets: readonly string[], body: string, unixSeconds: number): string {
  const parts = [`t=${unixSeconds}`];
  for (const s of secrets)
    parts.push(`v1=${createHmac('sha256', s).update(`${unixSeconds}.${body}`).digest('hex')}`);
  return parts.join(',');
}
