import type { StackFrame } from '@closeloop/shared/ingest/event';
import { type BasicSourceMapConsumer, type IndexedSourceMapConsumer, SourceMapConsumer } from 'source-map';
import { enclosingFunctionName } from './enclosing-function.ts';

/**
 * Maps a minified stack frame back to the original file, line, column and function with the
 * release's source map (v3, plain or indexed). Context lines come from the map's
 * `sourcesContent`. Nothing here throws on bad input: a frame that cannot be mapped comes
 * back unchanged with a reason, so the issue page can say why.
 *
 * The function name: the mapping at a frame's position names the *token* there (often the
 * callee), not the function the frame is in. We read the enclosing function from the
 * original source instead; without `sourcesContent` we fall back to the name the caller's
 * call site maps to (how Sentry did it before scope-based lookups); else the minified name.
 */

export type SymbolicationFailure = 'missing_position' | 'invalid_source_map' | 'no_mapping';

export type SymbolicationResult =
  | {
      ok: true;
      frame: StackFrame;
      /** The frame as it arrived (minified position). */
      generated: StackFrame;
    }
  | { ok: false; frame: StackFrame; reason: SymbolicationFailure; detail: string };

/** Lines of source shown around the frame's line. */
export const CONTEXT_LINES = 5;
/** Minified or generated originals can have huge lines; cut them for display. */
const CONTEXT_LINE_LENGTH = 500;

type Consumer = BasicSourceMapConsumer | IndexedSourceMapConsumer;

/** Symbolicates one frame with one source map. Use `symbolicateFrames` for a whole stack. */
export async function symbolicateFrame(frame: StackFrame, sourceMap: string): Promise<SymbolicationResult> {
  const loaded = await loadSourceMap(sourceMap);
  if (!loaded.ok) return { ok: false, frame, reason: 'invalid_source_map', detail: loaded.detail };
  try {
    return symbolicateWith(loaded.consumer, frame, null);
  } finally {
    loaded.consumer.destroy();
  }
}

/**
 * Symbolicates a stack (outermost first, as in events). `sourceMapFor` returns the raw map of a
 * frame's file (or nothing); it is called once per distinct `abs_path`/`filename`, and each
 * map is parsed once and freed before returning.
 */
export async function symbolicateFrames(
  frames: readonly StackFrame[],
  sourceMapFor: (frame: StackFrame) => string | null | undefined | Promise<string | null | undefined>,
): Promise<SymbolicationResult[]> {
  const consumers = new Map<string, Promise<LoadResult | null>>();
  const consumerFor = (frame: StackFrame): Promise<LoadResult | null> => {
    const key = frame.abs_path ?? frame.filename ?? '';
    let pending = consumers.get(key);
    if (!pending) {
      pending = (async () => {
        try {
          const raw = await sourceMapFor(frame);
          return raw ? await loadSourceMap(raw) : null;
        } catch (error) {
          return { ok: false, detail: `could not load the source map: ${describe(error)}` } as const;
        }
      })();
      consumers.set(key, pending);
    }
    return pending;
  };

  try {
    const loaded = await Promise.all(frames.map(consumerFor));
    return frames.map((frame, i) => {
      const map = loaded[i];
      if (map === null || map === undefined) {
        return { ok: false, frame, reason: 'no_mapping', detail: 'no source map for this file' } as const;
      }
      if (!map.ok) return { ok: false, frame, reason: 'invalid_source_map', detail: map.detail } as const;
      // The caller is the next frame outwards; its call site names this frame's function.
      const caller = i > 0 ? { frame: frames[i - 1]!, map: loaded[i - 1] } : null;
      const callerName = caller?.map?.ok ? mappedName(caller.map.consumer, caller.frame) : null;
      return symbolicateWith(map.consumer, frame, callerName);
    });
  } finally {
    for (const pending of consumers.values()) {
      const map = await pending;
      if (map?.ok) map.consumer.destroy();
    }
  }
}

type LoadResult = { ok: true; consumer: Consumer } | { ok: false; detail: string };

async function loadSourceMap(raw: string): Promise<LoadResult> {
  let parsed: unknown;
  try {
    // Some servers prefix JSON with `)]}'` against XSSI; the spec allows it.
    parsed = JSON.parse(raw.replace(/^\)\]\}'[^\n]*\n/, ''));
  } catch (error) {
    return { ok: false, detail: `not JSON: ${describe(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { version?: unknown }).version !== 3) {
    return { ok: false, detail: 'not a version 3 source map' };
  }
  try {
    // biome-ignore lint/suspicious/noExplicitAny: checked to be a v3 map object above; the library validates the rest.
    const consumer = await new SourceMapConsumer(parsed as any);
    return { ok: true, consumer };
  } catch (error) {
    return { ok: false, detail: `unreadable source map: ${describe(error)}` };
  }
}

function symbolicateWith(
  consumer: Consumer,
  frame: StackFrame,
  callerName: string | null,
): SymbolicationResult {
  if (frame.lineno === undefined || frame.lineno < 1) {
    return { ok: false, frame, reason: 'missing_position', detail: 'the frame has no line number' };
  }
  let original: ReturnType<Consumer['originalPositionFor']>;
  try {
    original = originalPosition(consumer, frame);
  } catch (error) {
    return { ok: false, frame, reason: 'no_mapping', detail: describe(error) };
  }
  if (original.source === null || original.line === null) {
    return {
      ok: false,
      frame,
      reason: 'no_mapping',
      detail: `no mapping at line ${frame.lineno}, column ${frame.colno ?? '?'}`,
    };
  }

  const content = safeSourceContent(consumer, original.source);
  const column = original.column ?? 0;
  const fn =
    (content ? enclosingFunctionName(content, original.line, column) : null) ??
    callerName ??
    frame.function ??
    null;

  const result: StackFrame = {
    ...frame,
    filename: cleanSourcePath(original.source),
    abs_path: original.source,
    lineno: original.line,
    colno: column + 1,
  };
  if (fn) result.function = fn;
  else delete result.function;
  // Library code bundled into the app is not the app's code.
  if (frame.in_app === undefined && /(^|\/)node_modules\//.test(original.source)) result.in_app = false;
  delete result.context_line;
  delete result.pre_context;
  delete result.post_context;
  if (content) Object.assign(result, contextAround(content, original.line));
  return { ok: true, frame: result, generated: frame };
}

function originalPosition(consumer: Consumer, frame: StackFrame) {
  // Stack columns are 1-based, source-map columns 0-based. Without a column, take the first
  // mapping on the line.
  if (frame.colno === undefined) {
    return consumer.originalPositionFor({
      line: frame.lineno!,
      column: 0,
      bias: SourceMapConsumer.LEAST_UPPER_BOUND,
    });
  }
  return consumer.originalPositionFor({ line: frame.lineno!, column: Math.max(0, frame.colno - 1) });
}

function mappedName(consumer: Consumer, frame: StackFrame): string | null {
  if (frame.lineno === undefined || frame.lineno < 1 || frame.colno === undefined) return null;
  try {
    return originalPosition(consumer, frame).name ?? null;
  } catch {
    return null;
  }
}

function safeSourceContent(consumer: Consumer, source: string): string | null {
  try {
    return consumer.sourceContentFor(source, true);
  } catch {
    return null;
  }
}

function contextAround(
  content: string,
  line: number,
): Pick<StackFrame, 'context_line' | 'pre_context' | 'post_context'> {
  const lines = content.split(/\r?\n/);
  const index = line - 1;
  if (index < 0 || index >= lines.length) return {};
  const cut = (text: string) =>
    text.length > CONTEXT_LINE_LENGTH ? `${text.slice(0, CONTEXT_LINE_LENGTH)}…` : text;
  return {
    pre_context: lines.slice(Math.max(0, index - CONTEXT_LINES), index).map(cut),
    context_line: cut(lines[index]!),
    post_context: lines.slice(index + 1, index + 1 + CONTEXT_LINES).map(cut),
  };
}

/** `webpack://shop/./src/cart.ts` → `src/cart.ts`; `../../src/cart.ts` → `src/cart.ts`. */
export function cleanSourcePath(source: string): string {
  return source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^(\.\.?\/)+/, '');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
