import type { IngestException, StackFrame } from '@closeloop/shared/ingest/event';
import * as errorStackParserModule from 'error-stack-parser';
import { stringify, truncate } from './truncate.ts';

interface ParsedFrame {
  functionName?: string;
  fileName?: string;
  lineNumber?: number | string;
  columnNumber?: number | string;
}
interface Parser {
  parse(error: Error): ParsedFrame[];
}
// error-stack-parser 3 is UMD and sets `module.exports.default`; depending on the bundler and
// interop, the parser is the namespace's `default` or its `default.default`.
const ns = errorStackParserModule as unknown as { default?: Parser & { default?: Parser } };
const parser: Parser | undefined = ns.default?.default ?? ns.default;

export const MAX_FRAMES = 250;

export interface FrameContext {
  /** `location.origin` of the page; frames from elsewhere (CDNs, extensions) are not in-app. */
  pageOrigin: string;
  /** URL of the SDK's own script when it was loaded as a separate file; its frames are not in-app. */
  sdkFile?: string;
}

export interface Mechanism {
  type: string;
  handled?: boolean;
}

function isInApp(file: string | undefined, ctx: FrameContext): boolean {
  if (!file) return false;
  if (ctx.sdkFile && file === ctx.sdkFile) return false;
  return file === ctx.pageOrigin || file.startsWith(`${ctx.pageOrigin}/`);
}

function isNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

/** Frames of `error.stack`, outermost call first (the contract's order), or undefined if unparsable. */
export function parseFrames(error: Error, ctx: FrameContext): StackFrame[] | undefined {
  if (!parser || typeof error.stack !== 'string' || !error.stack) return undefined;
  let parsed: ParsedFrame[];
  try {
    parsed = parser.parse(error);
  } catch {
    return undefined;
  }
  const frames: StackFrame[] = [];
  for (const f of parsed) {
    const frame: StackFrame = { in_app: isInApp(f.fileName, ctx) };
    if (f.functionName) frame.function = truncate(f.functionName, 1_000);
    if (f.fileName) {
      frame.filename = truncate(f.fileName, 1_000);
      frame.abs_path = frame.filename;
    }
    // Numbers arrive as strings when StackFrame is the build's shim (see stackframe-shim.cjs).
    const line = Number(f.lineNumber);
    const column = Number(f.columnNumber);
    if (isNumber(line)) frame.lineno = Math.floor(line);
    if (isNumber(column)) frame.colno = Math.floor(column);
    frames.push(frame);
  }
  // A "stack" that yields no location at all was not a stack: report it raw instead.
  if (!frames.some((f) => f.filename || f.lineno !== undefined)) return undefined;
  // error-stack-parser lists the throw site first; keep the innermost MAX_FRAMES.
  return frames.slice(0, MAX_FRAMES).reverse();
}

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || typeof (value as Error | null)?.stack === 'string';
}

/**
 * Turns anything thrown or rejected into the contract's `exception`. `fallback` is a location
 * known from an ErrorEvent when there is no usable stack (e.g. "Script error." from a
 * cross-origin script).
 */
export function toException(
  value: unknown,
  mechanism: Mechanism,
  ctx: FrameContext,
  fallback?: { filename?: string; lineno?: number; colno?: number; message?: string },
): IngestException {
  if (isErrorLike(value)) {
    const frames = parseFrames(value, ctx);
    const exception: IngestException = {
      type: truncate(value.name || 'Error', 1_000),
      value: truncate(String(value.message ?? ''), 16_000),
      frames: frames ?? [],
      mechanism,
    };
    if (!frames && typeof value.stack === 'string' && value.stack) {
      exception.stack = truncate(value.stack, 64_000);
    }
    return exception;
  }
  const frames: StackFrame[] = [];
  if (fallback?.filename) {
    const frame: StackFrame = {
      filename: truncate(fallback.filename, 1_000),
      abs_path: truncate(fallback.filename, 1_000),
      in_app: isInApp(fallback.filename, ctx),
    };
    if (isNumber(fallback.lineno)) frame.lineno = Math.floor(fallback.lineno);
    if (isNumber(fallback.colno)) frame.colno = Math.floor(fallback.colno);
    frames.push(frame);
  }
  const message = value === undefined && fallback?.message ? fallback.message : stringify(value);
  return {
    type: mechanism.type === 'onunhandledrejection' ? 'UnhandledRejection' : 'Error',
    value: truncate(message, 16_000),
    frames,
    mechanism,
  };
}
