import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The contract's stack frame (packages/shared/src/ingest/event.ts), declared here: the SDK ships alone. */
export interface Frame {
  function?: string;
  filename?: string;
  abs_path?: string;
  lineno?: number;
  colno?: number;
  in_app?: boolean;
  context_line?: string;
  pre_context?: string[];
  post_context?: string[];
}

const MAX_FRAMES = 250;
const MAX_NAME = 1_000;

/** The SDK's own source folder: its frames are never the host application's fault. */
const SDK_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * Frames from a V8 `error.stack`, outermost call first (the contract's order; V8 prints the
 * innermost first). Lines V8 writes as
 *   `at fn (/abs/file.js:10:5)`, `at /abs/file.js:10:5`, `at async fn (file:///x.mjs:1:2)`,
 *   `at new Foo (...)`, `at fn [as alias] (...)`, `at eval (eval at g (/x.js:3:1), <anonymous>:1:1)`,
 *   `at Array.map (<anonymous>)`, `at Promise.all (index 0)`.
 * Anything else (the message, which may span lines) is skipped.
 */
export function parseStack(
  stack: string | undefined,
  { cwd = process.cwd(), sdkDir = SDK_DIR }: { cwd?: string; sdkDir?: string } = {},
): Frame[] {
  if (!stack) return [];
  const frames: Frame[] = [];
  for (const raw of stack.split('\n')) {
    const frame = parseLine(raw, cwd, sdkDir);
    if (frame) frames.push(frame);
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames.reverse();
}

function parseLine(raw: string, cwd: string, sdkDir: string): Frame | undefined {
  const m = /^\s*at (.*)$/.exec(raw);
  if (!m?.[1]) return undefined;
  let body = m[1].trim();
  let fn: string | undefined;
  let location = body;
  if (body.endsWith(')')) {
    // `fn (location)` — the location is the last balanced parenthesised group.
    const open = matchingOpen(body);
    if (open > 0) {
      fn = body.slice(0, open).trim();
      location = body.slice(open + 1, -1);
    }
  }
  // `eval at outer (/x.js:3:1), <anonymous>:1:1`: the file that called eval is the useful place.
  const evalMatch = /^eval at [^(]*\((.*?:\d+:\d+)\)/.exec(location);
  if (evalMatch?.[1]) location = evalMatch[1];
  body = location;
  const pos = /^(.*):(\d+):(\d+)$/.exec(body);
  const frame: Frame = {};
  if (fn) frame.function = fn.slice(0, MAX_NAME);
  const file = pos ? pos[1]! : body;
  if (pos) {
    frame.lineno = Number(pos[2]);
    frame.colno = Number(pos[3]);
  }
  const absPath = toPath(file);
  frame.abs_path = absPath.slice(0, MAX_NAME);
  frame.filename = displayName(absPath, cwd).slice(0, MAX_NAME);
  frame.in_app = isInApp(absPath, sdkDir);
  return frame;
}

/** Index of the `(` that opens the final `(...)` group, or -1. */
function matchingOpen(s: string): number {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === ')') depth++;
    else if (c === '(') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function toPath(file: string): string {
  if (file.startsWith('file://')) {
    try {
      return fileURLToPath(file);
    } catch {
      return file;
    }
  }
  return file;
}

/** Relative to the working directory when the file is inside it: shorter, and the same on every host. */
function displayName(absPath: string, cwd: string): string {
  if (!isAbsolute(absPath)) return absPath;
  const rel = relative(cwd, absPath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : absPath;
}

/** Application code: a real file, not a dependency, not Node's internals, not this SDK. */
export function isInApp(absPath: string, sdkDir: string = SDK_DIR): boolean {
  if (!isAbsolute(absPath)) return false; // node:internal/…, <anonymous>, native, index 0
  if (/[/\\]node_modules[/\\]/.test(absPath)) return false;
  if (absPath.startsWith(sdkDir)) return false;
  return true;
}
