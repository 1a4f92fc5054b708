import { useState } from 'react';
import type { IngestEvent, StackFrame } from './monitoring-data.ts';

/** Shortens `https://shop.example/assets/app.js?v=3` to `/assets/app.js` for display. */
function shortFile(f: StackFrame): string {
  const file = f.filename ?? f.abs_path ?? f.module ?? '<anonymous>';
  try {
    const u = new URL(file);
    return u.pathname + (u.search.length < 20 ? u.search : '');
  } catch {
    return file;
  }
}

function Frame({ frame, open, onToggle }: { frame: StackFrame; open: boolean; onToggle: () => void }) {
  const hasContext = frame.context_line !== undefined;
  const pre = frame.pre_context ?? [];
  const post = frame.post_context ?? [];
  const first = (frame.lineno ?? 0) - pre.length;
  return (
    <li className={`frame${frame.in_app ? ' frame-app' : ''}`} data-testid="frame">
      <button
        type="button"
        className="frame-head"
        onClick={onToggle}
        aria-expanded={open}
        disabled={!hasContext}
      >
        <span className="frame-fn">{frame.function || '<anonymous>'}</span>
        <span className="frame-at faint">at</span>
        <span className="frame-file" title={frame.abs_path ?? frame.filename}>
          {shortFile(frame)}
          {frame.lineno !== undefined && `:${frame.lineno}`}
          {frame.colno !== undefined && `:${frame.colno}`}
        </span>
        {frame.in_app && <span className="frame-badge">in app</span>}
      </button>
      {open && hasContext && (
        <pre className="frame-source" title={`Source around line ${frame.lineno ?? ''}`}>
          {[...pre, frame.context_line ?? '', ...post].map((line, i) => {
            const n = first + i;
            const current = i === pre.length;
            return (
              <div key={n} className={current ? 'src-line src-current' : 'src-line'}>
                <span className="src-no">{frame.lineno !== undefined ? n : ''}</span>
                <code>{line || ' '}</code>
              </div>
            );
          })}
        </pre>
      )}
    </li>
  );
}

/**
 * The exception of a sample event, frames innermost first (the reverse of the contract's order),
 * in-app frames highlighted and expanded with their source context; library frames folded.
 */
export function StackTrace({ exception }: { exception: NonNullable<IngestEvent['exception']> }) {
  const frames = [...exception.frames].reverse();
  const anyInApp = frames.some((f) => f.in_app);
  const [showAll, setShowAll] = useState(!anyInApp);
  const firstApp = frames.findIndex((f) => f.in_app && f.context_line !== undefined);
  const [open, setOpen] = useState<Set<number>>(() => new Set(firstApp >= 0 ? [firstApp] : [0]));
  const visible = frames.map((f, i) => ({ f, i })).filter(({ f }) => showAll || f.in_app);
  const hidden = frames.length - visible.length;
  return (
    <div className="stack" data-testid="stack-trace">
      <div className="stack-title">
        <strong>{exception.type}</strong>
        {exception.value && <span>: {exception.value}</span>}
        {exception.mechanism && (
          <span className="chip" style={{ marginLeft: 8 }}>
            {exception.mechanism.handled === false ? 'unhandled' : 'handled'} · {exception.mechanism.type}
          </span>
        )}
      </div>
      {frames.length === 0 && exception.stack && <pre className="frame-source">{exception.stack}</pre>}
      <ol className="frames">
        {visible.map(({ f, i }) => (
          <Frame
            key={i}
            frame={f}
            open={open.has(i)}
            onToggle={() =>
              setOpen((s) => {
                const n = new Set(s);
                if (n.has(i)) n.delete(i);
                else n.add(i);
                return n;
              })
            }
          />
        ))}
      </ol>
      {(hidden > 0 || (showAll && anyInApp)) && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Only in-app frames' : `Show ${hidden} library frame${hidden === 1 ? '' : 's'}`}
        </button>
      )}
    </div>
  );
}
