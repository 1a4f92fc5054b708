/** `bytes` random bytes as lowercase hex (32 hex chars for 16 bytes, the event id format). */
export function randomHex(bytes = 16): string {
  const buf = new Uint8Array(bytes);
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.getRandomValues) c.getRandomValues(buf);
  else for (let i = 0; i < bytes; i++) buf[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (const b of buf) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}
