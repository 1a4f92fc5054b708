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

/** Lines and columns are non-negative integers; anything else (NaN, strings that are not numbers) is left out. */
function position(n: unknown): number | undefined {
  // Numbers arrive as strings when StackFrame is the build's shim (see stackframe-shim.cjs).
  const v = Number(n);
  return v >= 0 && v < 1e9 ? Math.floor(v) : undefined;
}

function toFrame(
  ctx: FrameContext,
  file?: string,
  line?: unknown,
  column?: unknown,
  fn?: string,
): StackFrame {
  const frame: StackFrame = { in_app: isInApp(file, ctx) };
  if (fn) frame.function = truncate(fn, 1_000);
  if (file) frame.filename = frame.abs_path = truncate(file, 1_000);
  const lineno = position(line);
  const colno = position(column);
  if (lineno !== undefined) frame.lineno = lineno;
  if (colno !== undefined) frame.colno = colno;
  return frame;
}

/** Frames of `error.stack`, outermost call first (the contract's order), or undefined if unparsable. */
export function parseFrames(error: Error, ctx: FrameContext): StackFrame[] | undefined {
  let frames: StackFrame[];
  try {
    frames = parser!
      .parse(error)
      .map((f) => toFrame(ctx, f.fileName, f.lineNumber, f.columnNumber, f.functionName));
  } catch {
    return undefined; // no parser, no stack, or a format it does not know
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
  const frames = fallback?.filename ? [toFrame(ctx, fallback.filename, fallback.lineno, fallback.colno)] : [];
  const message = value === undefined && fallback?.message ? fallback.message : stringify(value);
  return {
    type: mechanism.type === 'onunhandledrejection' ? 'UnhandledRejection' : 'Error',
    value: truncate(message, 16_000),
    frames,
    mechanism,
  };
}
