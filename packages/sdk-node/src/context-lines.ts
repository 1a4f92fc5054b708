import { readFile, stat } from 'node:fs/promises';
import type { Frame } from './stack.ts';

/** Lines of source shown before and after the failing line. */
export const CONTEXT_LINES = 5;
/** Files larger than this are not read (bundles, generated code). */
const MAX_FILE_BYTES = 1_000_000;
/** Files kept in memory, least recently used evicted first. */
const MAX_CACHED_FILES = 50;
/** Longer lines (minified code) are cut to a window around the column. */
const MAX_LINE = 300;

/** path → its lines, or null when it cannot or should not be read (remembered too). */
const cache = new Map<string, string[] | null>();

async function linesOf(path: string): Promise<string[] | null> {
  const hit = cache.get(path);
  if (hit !== undefined) {
    cache.delete(path);
    cache.set(path, hit);
    return hit;
  }
  let lines: string[] | null = null;
  try {
    const info = await stat(path);
    if (info.isFile() && info.size <= MAX_FILE_BYTES) lines = (await readFile(path, 'utf8')).split(/\r?\n/);
  } catch {
    lines = null;
  }
  cache.set(path, lines);
  if (cache.size > MAX_CACHED_FILES) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return lines;
}

function clip(line: string, colno?: number): string {
  if (line.length <= MAX_LINE) return line;
  const start = Math.max(0, Math.min(line.length - MAX_LINE, (colno ?? 1) - 1 - MAX_LINE / 2));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + MAX_LINE)}…`;
}

/** Adds `context_line`, `pre_context`, `post_context` to in-app frames, in place. Never throws. */
export async function addContextLines(frames: Frame[]): Promise<void> {
  await Promise.all(
    frames.map(async (frame) => {
      if (!frame.in_app || !frame.abs_path || !frame.lineno) return;
      const lines = await linesOf(frame.abs_path);
      const index = frame.lineno - 1;
      if (!lines || index >= lines.length) return;
      frame.context_line = clip(lines[index] ?? '', frame.colno);
      frame.pre_context = lines.slice(Math.max(0, index - CONTEXT_LINES), index).map((l) => clip(l));
      frame.post_context = lines.slice(index + 1, index + 1 + CONTEXT_LINES).map((l) => clip(l));
    }),
  );
}

export function clearContextCache(): void {
  cache.clear();
}
