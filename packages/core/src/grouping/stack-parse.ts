import type { IngestException, StackFrame } from '@closeloop/shared/ingest/event';

/**
 * Parses a raw `error.stack` string into frames, for events that arrive with `exception.stack`
 * but no frames. Three engine families write stacks differently:
 *
 *   V8 (Chrome, Edge, Node):  `    at fn (https://shop.example/app.js:10:15)` — preceded by a
 *                              `TypeError: message` header (which may span lines).
 *   SpiderMonkey (Firefox):   `fn@https://shop.example/app.js:10:15` — no header.
 *   JavaScriptCore (Safari):  `fn@https://shop.example/app.js:10:15`, `global code@…`,
 *                              `map@[native code]`, or a bare location for anonymous code.
 *
 * The string lists the innermost call first; the result is outermost first (innermost last),
 * the order of `IngestException.frames` and of Sentry. Never throws; lines it does not
 * recognise are skipped.
 */

/** The schema allows 250 frames per exception; keep the innermost ones, where the bug is. */
export const MAX_FRAMES = 250;
/** Longer lines are not stack lines (and would make the regexes slow). */
const MAX_LINE_LENGTH = 2_000;

const V8_LINE = /^\s*at\s+(.*)$/;
/** `path:line:col` or `path:line`; the path itself may hold colons (URLs, `C:\`). */
const LOCATION = /^(.*?):(\d+)(?::(\d+))?$/;
/** Chrome: `eval at outer (https://x/app.js:10:5), <anonymous>:1:1` — keep the outer position. */
const V8_EVAL = /^eval at [^(]*\((.*?)\)(?:, .*)?$/;
/** Firefox: `https://x/app.js line 10 > eval:1:1` (also `> Function`, nested `> eval > eval`). */
const GECKO_EVAL = /^(.*?) line (\d+)(?: > (?:eval|Function))+(?::\d+:\d+)?$/;

export function parseStack(stack: string): StackFrame[] {
  if (typeof stack !== 'string' || stack.length === 0) return [];
  const lines = stack.split(/\r?\n/);
  const isV8 = lines.some((line) => V8_LINE.test(line.slice(0, MAX_LINE_LENGTH)));
  const frames: StackFrame[] = [];
  for (const rawLine of lines) {
    if (frames.length >= MAX_FRAMES) break;
    if (rawLine.length > MAX_LINE_LENGTH) continue;
    const frame = isV8 ? parseV8Line(rawLine) : parseGeckoOrJscLine(rawLine);
    if (frame) frames.push(frame);
  }
  return frames.reverse();
}

/** Frames of an exception: the given ones, else those parsed from its raw stack. */
export function exceptionFrames(exception: Pick<IngestException, 'frames' | 'stack'>): StackFrame[] {
  if (exception.frames.length > 0) return exception.frames;
  return exception.stack ? parseStack(exception.stack) : [];
}

export function parseV8Line(line: string): StackFrame | null {
  const match = V8_LINE.exec(line);
  if (!match) return null;
  let rest = match[1]!.trim();
  if (rest.startsWith('async ')) rest = rest.slice('async '.length);

  // `fn (location)`: the first " (" starts the location; function names hold no " (",
  // but an eval location holds nested parentheses, so do not look for the last one.
  const open = rest.indexOf(' (');
  if (open > 0 && rest.endsWith(')')) {
    const fn = rest.slice(0, open).trim();
    const location = rest.slice(open + 2, -1);
    return buildFrame(fn, parseV8Location(location));
  }
  // `at https://x/app.js:1:2` (anonymous) or `at <anonymous>` / `at native`.
  return buildFrame(undefined, parseV8Location(rest));
}

function parseV8Location(location: string): Location {
  const evalMatch = V8_EVAL.exec(location);
  if (evalMatch) return { ...parseLocation(evalMatch[1]!), evalled: true };
  if (location === 'native') return { file: '[native code]' };
  // `Promise.all (index 0)` — a position in the awaited list, not a file.
  if (/^index \d+$/.test(location)) return { file: '<anonymous>' };
  return parseLocation(location);
}

export function parseGeckoOrJscLine(line: string): StackFrame | null {
  const trimmed = line.trim();
  if (trimmed === '') return null;
  const at = trimmed.indexOf('@');
  let fn: string | undefined;
  let location: string;
  if (at >= 0 && !looksLikeBareLocation(trimmed)) {
    fn = trimmed.slice(0, at);
    location = trimmed.slice(at + 1);
  } else {
    location = trimmed;
  }

  if (location === '[native code]') return buildFrame(fn, { file: '[native code]' });

  const evalMatch = GECKO_EVAL.exec(location);
  if (evalMatch) {
    return buildFrame(fn || 'eval', { file: evalMatch[1]!, line: Number(evalMatch[2]), evalled: true });
  }

  const parsed = parseLocation(location);
  // Only a real position (`url:line[:col]`) makes a line a frame; both engines always write
  // one outside native code. This skips messages such as `Error: no account for a@b.example`.
  if (parsed.line === undefined) return null;
  if (!looksLikeFile(parsed.file)) return null;
  return buildFrame(fn, parsed);
}

/** A Safari anonymous frame is a bare `https://user@host/x.js:1:2`; its `@` is not a separator. */
function looksLikeBareLocation(line: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(line) && LOCATION.test(line);
}

function looksLikeFile(file: string): boolean {
  if (file === '') return false;
  if (/\s/.test(file) && !/^[a-z][a-z0-9+.-]*:/i.test(file)) return false;
  return true;
}

interface Location {
  file: string;
  line?: number;
  column?: number;
  evalled?: boolean;
}

function parseLocation(location: string): Location {
  const match = LOCATION.exec(location);
  if (!match) return { file: location };
  const result: Location = { file: match[1]!, line: Number(match[2]) };
  if (match[3] !== undefined) result.column = Number(match[3]);
  return result;
}

function buildFrame(fn: string | undefined, location: Location): StackFrame {
  const frame: StackFrame = {};
  const name = fn?.trim();
  if (name) frame.function = name.slice(0, 1_000);
  else if (location.evalled) frame.function = 'eval';
  if (location.file) {
    const file = location.file.slice(0, 1_000);
    frame.filename = file;
    frame.abs_path = file;
  }
  if (location.line !== undefined && Number.isSafeInteger(location.line)) frame.lineno = location.line;
  if (location.column !== undefined && Number.isSafeInteger(location.column)) frame.colno = location.column;
  return frame;
}
