import type { StackFrame } from '@closeloop/shared/ingest/event';

/**
 * The grouping identity of a stack frame: a cleaned module and function name, never a line or
 * column. Two builds of the same code must give the same identity even though the bundler
 * renamed the files (`app.3f9a1c2b.js` → `app.91c0d7e4.js`), the CDN host changed and every
 * line moved. See docs/grouping.md for the full list of what is stripped and why.
 */

export interface FrameIdentity {
  /** Cleaned module path, e.g. `src/pages/checkout` or `react-dom/cjs/react-dom.production`. */
  module: string;
  /** Cleaned function name, or null when the frame is anonymous. */
  function: string | null;
  /**
   * True when the function name cannot be trusted across builds (minified one/two-letter
   * names) or is missing; grouping then uses the module alone for this frame.
   */
  weak: boolean;
  inApp: boolean;
}

export const UNKNOWN_MODULE = '<unknown>';
/** Keep this many trailing path segments: deploy roots (`/srv/app/releases/…`) differ by host. */
const MODULE_SEGMENTS = 3;

export function frameIdentity(frame: StackFrame): FrameIdentity {
  const fn = normaliseFunction(frame.function);
  return {
    module: frameModule(frame),
    function: fn.name,
    weak: fn.weak,
    inApp: isInApp(frame),
  };
}

/** `module:function`, or `module:?` for weak frames — one grouping component per frame. */
export function frameGroupingKey(identity: FrameIdentity): string {
  return `${identity.module}:${identity.weak || identity.function === null ? '?' : identity.function}`;
}

// ---------------------------------------------------------------- in-app

const NOT_IN_APP: readonly RegExp[] = [
  /(^|[/\\])node_modules[/\\]/,
  /(^|[/\\])bower_components[/\\]/,
  /^node:/, // node:internal/process/task_queues
  /^internal[/\\]/, // Node < 16 wrote internals without the scheme
  /^(chrome|moz|safari|safari-web|ms-browser)-extension:/,
  /^(webkit-masked-url|chrome):/,
  /^\[native code\]$/,
  /^native$/,
  /^<anonymous>$/,
  /\/(@vite|\.vite\/deps)\//, // Vite's client and its pre-bundled dependencies
  /^webpack:\/\/[^/]*\/webpack\//, // webpack runtime and bootstrap
  /\/webpack\/(bootstrap|runtime)\b/,
  // Our own SDKs and Sentry's must never be blamed for the host's error.
  /@closeloop[/\\]sdk-|[/\\]sdk-(browser|node)[/\\]|closeloop(\.min)?\.js/,
  /@sentry[/\\]|sentry\.[a-z.]*\.?js/i,
];

/** `in_app` when the SDK decided; otherwise not in dependencies, runtimes, extensions or SDKs. */
export function isInApp(frame: StackFrame): boolean {
  if (typeof frame.in_app === 'boolean') return frame.in_app;
  const path = frame.abs_path || frame.filename || '';
  if (path === '') return false;
  return !NOT_IN_APP.some((pattern) => pattern.test(path));
}

// ---------------------------------------------------------------- module

export function frameModule(frame: StackFrame): string {
  if (frame.module) {
    // Sentry's Node SDK sends `module` as `app.handlers:users` or a path; clean it the same way.
    const cleaned = moduleFromPath(frame.module.replace(/:/g, '/'));
    if (cleaned !== UNKNOWN_MODULE) return cleaned;
  }
  return moduleFromPath(frame.abs_path || frame.filename || '');
}

/**
 * `https://cdn.shop.example/static/js/app.3f9a1c2b.js?v=7#x` → `app`;
 * `/srv/shop/releases/20240611/node_modules/.pnpm/pg@8.11.0/node_modules/pg/lib/client.js`
 * → `pg/lib/client`; `webpack://shop/./src/pages/Checkout.tsx` → `src/pages/Checkout`.
 */
export function moduleFromPath(rawPath: string): string {
  if (!rawPath) return UNKNOWN_MODULE;
  let path = rawPath.trim();
  if (path === '[native code]' || path === 'native') return '[native]';
  if (path === '<anonymous>') return UNKNOWN_MODULE;

  path = path.replace(/[?#].*$/s, '');
  path = path.replace(/\\/g, '/');
  path = path.replace(/^webpack-internal:\/\/\/?/, '');
  path = path.replace(/^webpack:\/\/[^/]*\//, '');
  path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, ''); // scheme and host (also file://, app://)
  path = path.replace(/^node:/, 'node/');
  path = path.replace(/^[a-z]:\//i, '/'); // Windows drive

  const lastNodeModules = path.lastIndexOf('node_modules/');
  if (lastNodeModules >= 0) path = path.slice(lastNodeModules + 'node_modules/'.length);

  const segments = path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const last = segments.pop();
  const cleaned = segments.filter((s) => !isNoiseSegment(s)).map(stripVersionSuffix);
  if (last !== undefined) {
    const base = cleanFileName(last);
    if (base !== '') cleaned.push(base);
  }
  if (cleaned.length === 0) return UNKNOWN_MODULE;
  return cleaned.slice(-MODULE_SEGMENTS).join('/');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^v?\d+(\.\d+)*([-.+][0-9a-z.]+)?$/i;

/** Directory segments that are deploy- or build-specific rather than part of the code's name. */
function isNoiseSegment(segment: string): boolean {
  if (/^\d+$/.test(segment)) return true; // ids, timestamps, release numbers
  if (UUID.test(segment)) return true;
  if (VERSION.test(segment)) return true;
  if (isHashLike(segment)) return true;
  return false;
}

/** `react-dom@18.2.0` (pnpm) → `react-dom`. */
function stripVersionSuffix(segment: string): string {
  return segment.replace(/@v?\d+(\.\d+)*([-+][0-9a-z.]+)?(_.*)?$/i, '') || segment;
}

/**
 * A bundler's content hash or a build id: hex of 7+ characters with a digit, an alphanumeric
 * token of 8+ characters with at least two digits (`ABCD1234` from esbuild, `a1B2c3D4e5F6` from
 * Next.js), or a 16+ character token that mixes upper and lower case.
 */
export function isHashLike(token: string): boolean {
  if (/^[0-9a-f]{7,}$/i.test(token) && /\d/.test(token)) return true;
  if (!/^[A-Za-z0-9_-]{8,}$/.test(token)) return false;
  const digits = token.match(/\d/g)?.length ?? 0;
  if (digits >= 2 && /[A-Za-z]/.test(token)) return true;
  return token.length >= 16 && /[a-z]/.test(token) && /[A-Z]/.test(token);
}

const EXTENSIONS = /\.(m?jsx?|cjs|tsx?|mts|cts|vue|svelte|coffee|bundle)$/i;

/** `app.3f9a1c2b.js` → `app`, `chunk-ABCD1234.js` → `chunk`, `index-DiwrgTda.js` → `index`. */
function cleanFileName(name: string): string {
  let base = name;
  for (let i = 0; i < 3 && EXTENSIONS.test(base); i++) base = base.replace(EXTENSIONS, '');
  base = base.replace(/\.min$/i, '');
  // Vite and Rollup: `name-[hash:8]` in base64url, which may itself hold `-` or `_`. A
  // capitalised word (`-Checkout`) or a lowercase word (`-settings`) is kept.
  base = base.replace(/-[A-Za-z0-9_-]{8}$/, (m) =>
    /[A-Z0-9_]/.test(m.slice(1)) && !/^-[A-Z][a-z]+$/.test(m) ? '' : m,
  );
  // Split on the separators bundlers put before a hash and drop hash-like or numeric parts.
  const parts = base.split(/([.~-])/);
  const kept: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const part = parts[i]!;
    // webpack names chunks by number (`827.3f9a1c2b.chunk.js`); numbers move between builds.
    if (i === 0 && /^\d+$/.test(part)) {
      kept.push('<int>');
      continue;
    }
    const noise = i > 0 && (isHashLike(part) || /^\d+$/.test(part) || UUID.test(part));
    if (!noise) {
      if (kept.length > 0) kept.push(parts[i - 1]!);
      kept.push(part);
    }
  }
  const result = kept.join('').replace(/[.~-]+$/, '');
  if (result === '' || result === '<int>' || isHashLike(result)) return '<chunk>';
  return result;
}

// ---------------------------------------------------------------- function

export interface CleanFunction {
  name: string | null;
  weak: boolean;
}

const ANONYMOUS = new Set([
  '',
  '<anonymous>',
  'anonymous',
  '?',
  'global code',
  'module code',
  'eval code',
  'eval',
  '<unknown>',
  'Anonymous function', // old Edge
]);

/**
 * `async Object.<anonymous>` → null; `Module.handleClick` → `handleClick`; Firefox's
 * `App/handleClick/<` → `handleClick`; `_utils__WEBPACK_IMPORTED_MODULE_0__.formatPrice` →
 * `formatPrice`; `new CheckoutForm` → `CheckoutForm`; minified `t` or `Ae` → weak.
 */
export function normaliseFunction(raw: string | undefined): CleanFunction {
  if (!raw) return { name: null, weak: true };
  let name = raw.trim();
  // Firefox async markers: `async*handleClick`, `promise callback*load`, `setTimeout handler*tick`.
  const star = name.lastIndexOf('*');
  if (star >= 0) name = name.slice(star + 1);
  name = name.replace(/^(async|new|get|set|static)\s+/, '');
  name = name.replace(/\s*\[as [^\]]*\]$/, '');
  // Firefox names inner anonymous functions `outer/<`, `outer/inner<`, `outer</<`.
  name = name.replace(/[/<]+$/, '');
  if (name.includes('/')) name = name.slice(name.lastIndexOf('/') + 1);
  name = name.replace(/<$/, '');
  // Bundler wrappers around imported bindings.
  name = name.replace(/^.*__WEBPACK_(DEFAULT_EXPORT|IMPORTED_MODULE_\d+)[\w$]*__\./, '');
  name = name.replace(/^__vite_ssr_(import|dynamic_import|export)_\d*_*\./, '');
  name = name.replace(/^\(?0\s*,\s*/, '').replace(/\)$/, '');
  // Receivers that say nothing about the code: `Object.foo`, `Module.foo`, `exports.foo`.
  name = name.replace(/^(Object|Module|Function|exports|module\.exports)\./, '');
  // `HTMLButtonElement.<anonymous>` is an anonymous listener: the receiver says nothing.
  if (/(^|\.)<anonymous>$/.test(name)) return { name: null, weak: true };
  // Bundlers rename shadowed bindings with `$1`.
  name = name.replace(/\$\d+$/, '');
  if (ANONYMOUS.has(name)) return { name: null, weak: true };
  const lastPart = name.slice(name.lastIndexOf('.') + 1);
  return { name, weak: isMinifiedName(lastPart) };
}

/** One or two characters, as a minifier names things; such names change between builds. */
function isMinifiedName(name: string): boolean {
  return name.length <= 2;
}
