/**
 * Finds the name of the function that encloses a position in JavaScript or TypeScript source,
 * by walking back over balanced braces to each enclosing `{` and reading the header before
 * it. A heuristic, not a parser: braces inside strings, comments and regexes can mislead it,
 * and expression-bodied arrows (`x => x.y`) have no brace of their own. It is used only to
 * name a symbolicated frame, and its misses fall back to other sources of the name.
 *
 * When the innermost enclosing function is anonymous (a callback), the result is Firefox's
 * notation `outer/<`, which frame normalisation reads as `outer`.
 */

/** How far back to look; original modules are rarely longer. */
const MAX_SCAN = 100_000;
const HEADER_LENGTH = 300;

const NOT_FUNCTIONS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'with',
  'function',
  'return',
  'typeof',
  'await',
  'super',
]);

const NAMED_FUNCTION = /function\s*\*?\s*([\w$]+)\s*(?:<[^>]*>)?\s*\([^()]*\)\s*(?::\s*[^{};()=]+)?$/;
const ASSIGNED_FUNCTION =
  /([\w$]+)\s*[:=]\s*(?:async\s+)?function\s*\*?\s*(?:[\w$]+\s*)?\([^()]*\)\s*(?::\s*[^{};()=]+)?$/;
const ANONYMOUS_FUNCTION = /function\s*\*?\s*\([^()]*\)\s*(?::\s*[^{};()=]+)?$/;
const ASSIGNED_ARROW =
  /([\w$]+)\s*(?::\s*[^=;{}()]+)?\s*[:=]\s*(?:async\s*)?(?:\([^()]*\)|[\w$]+)\s*(?::\s*[^=;{}()]+)?\s*=>\s*$/;
const ARROW = /=>\s*$/;
const METHOD =
  /(?:^|[\s;{},*])(?:(?:async|static|get|set|public|private|protected|override|readonly)\s+)*\*?\s*(#?[\w$]+)\s*(?:<[^>]*>)?\s*\([^()]*\)\s*(?::\s*[^{};()=]+)?$/;

/** `line` is 1-based, `column` 0-based (as source-map gives them). */
export function enclosingFunctionName(source: string, line: number, column: number): string | null {
  const offset = offsetOf(source, line, column);
  if (offset === null) return null;
  let depth = 0;
  let anonymous = false;
  const stop = Math.max(0, offset - MAX_SCAN);
  for (let i = offset - 1; i >= stop; i--) {
    const ch = source[i];
    if (ch === '}') depth++;
    else if (ch === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const header = source.slice(Math.max(0, i - HEADER_LENGTH), i).trimEnd();
      const name = functionNameFromHeader(header);
      if (name === undefined) continue; // a block or an object literal: keep going outwards
      if (name === null) {
        anonymous = true;
        continue;
      }
      return anonymous ? `${name}/<` : name;
    }
  }
  return null;
}

/** A name, null for an anonymous function, undefined when the brace does not open a function. */
export function functionNameFromHeader(header: string): string | null | undefined {
  const named = NAMED_FUNCTION.exec(header);
  if (named) return named[1]!;
  const assigned = ASSIGNED_FUNCTION.exec(header) ?? ASSIGNED_ARROW.exec(header);
  if (assigned) return assigned[1]!;
  if (ANONYMOUS_FUNCTION.test(header) || ARROW.test(header)) return null;
  const method = METHOD.exec(header);
  if (method && !NOT_FUNCTIONS.has(method[1]!)) {
    // `foo(bar) {` after `new`, `=` or `return` is a call followed by a block, not a method.
    const before = header.slice(0, method.index + 1).trimEnd();
    if (/(\bnew|=|\breturn|\()$/.test(before)) return undefined;
    return method[1]!;
  }
  return undefined;
}

function offsetOf(source: string, line: number, column: number): number | null {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return null;
    offset = next + 1;
  }
  return Math.min(source.length, offset + Math.max(0, column));
}
