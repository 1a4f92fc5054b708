/**
 * The SDK's own diagnostics. Written straight to stderr, never through `console`, so that the
 * console breadcrumb integration cannot record (or recurse on) the SDK talking about itself.
 */
let enabled = false;

export function setDebug(on: boolean): void {
  enabled = on;
}

export function debugLog(...parts: unknown[]): void {
  if (!enabled) return;
  try {
    const text = parts
      .map((p) => (p instanceof Error ? (p.stack ?? p.message) : typeof p === 'string' ? p : safeJson(p)))
      .join(' ');
    process.stderr.write(`[closeloop] ${text}\n`);
  } catch {
    // Diagnostics must never fail the host.
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
