import type { ResolutionModeBody } from '@closeloop/shared/api/fix-verification';
import type { LessonsBody } from '@closeloop/shared/api/lessons';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useResolutions } from '../lib/resolutions.ts';
import { LessonFields, lessonAnswers } from './lesson-fields.tsx';
import { PastResolutions } from './past-resolutions.tsx';

export type Closing = {
  resolution: string;
  resolutionNote: string | null;
  lessons?: LessonsBody;
  /** The original's key, when closed as a duplicate of it (asked only for a known issue). */
  duplicateOf?: string;
  /** For a machine-found issue closed as fixed: when the fix ships, which decides what verifies it. */
  fixMode?: ResolutionModeBody;
};
/** `issueKey`: the issue being closed, which adds its closest past issues and the duplicate's original. */
type AskOptions = {
  title: string;
  defaultResolution?: string;
  /** Why a lessons-learned record is asked for (lessonsReasons); absent or empty: it is not. */
  lessons?: string[];
  issueKey?: string;
  /** The project whose active resolutions are offered; without one, the built-in ones. */
  projectKey?: string;
  /** A machine-found issue: its fix is verified against a release (the current one, a named one, the next). */
  fixModes?: boolean;
};
type Ask = (opts: AskOptions) => Promise<Closing | null>;
const Ctx = createContext<Ask>(async () => null);

/**
 * Closing an issue asks for a resolution (the project's active ones) and a note; work that owes a
 * lessons-learned record (high or urgent, risks, incidents, the project's rule) also gets the
 * record's questions, root cause required, and says why it is asked.
 */
export function ResolutionProvider({ children }: { children: ReactNode }) {
  const [req, setReq] = useState<{
    title: string;
    lessons: string[];
    issueKey?: string;
    projectKey?: string;
    fixModes: boolean;
  } | null>(null);
  const [resolution, setResolution] = useState('fixed');
  const offered = useResolutions(req?.projectKey).filter((r) => !r.retired);
  // A duplicate's lessons are its original's: the server asks none of it (commands/closing-checks.ts).
  const asksLessons = !!req && req.lessons.length > 0 && resolution !== 'duplicate';
  const [fixMode, setFixMode] = useState<ResolutionModeBody['mode']>('next_release');
  // Focus the resolution when the dialog opens (not autoFocus: it refires on every render).
  useEffect(() => {
    if (req) firstField.current?.focus();
  }, [req]);
  const resolver = useRef<((c: Closing | null) => void) | null>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const ask = useCallback<Ask>(
    (opts) =>
      new Promise((resolve) => {
        resolver.current = resolve;
        setResolution(opts.defaultResolution ?? 'fixed');
        setFixMode('next_release');
        setReq({
          fixModes: !!opts.fixModes,
          title: opts.title,
          lessons: opts.lessons ?? [],
          ...(opts.issueKey ? { issueKey: opts.issueKey } : {}),
          ...(opts.projectKey ? { projectKey: opts.projectKey } : {}),
        });
      }),
    [],
  );
  const finish = (c: Closing | null) => {
    resolver.current?.(c);
    resolver.current = null;
    setReq(null);
  };
  return (
    <Ctx.Provider value={ask}>
      {children}
      {req && (
        // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop's click-to-close is a pointer shortcut; Escape closes the dialog from the keyboard
        <div className="overlay" onMouseDown={() => finish(null)}>
          <form
            className="dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="res-title"
            onMouseDown={(e) => e.stopPropagation()}
            onKeyDown={(e) => e.key === 'Escape' && finish(null)}
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const note = String(f.get('note') ?? '').trim();
              const closing: Closing = {
                resolution: String(f.get('resolution')),
                resolutionNote: note || null,
              };
              if (asksLessons) {
                closing.lessons = lessonAnswers(e.currentTarget);
              }
              const original = String(f.get('original') ?? '')
                .trim()
                .toUpperCase();
              if (closing.resolution === 'duplicate' && original) closing.duplicateOf = original;
              if (req.fixModes && closing.resolution === 'fixed') {
                const release = String(f.get('fixRelease') ?? '').trim();
                closing.fixMode = fixMode === 'in_release' ? { mode: fixMode, release } : { mode: fixMode };
              }
              finish(closing);
            }}
          >
            <h2 id="res-title">{req.title}</h2>
            <div className="field">
              <span id="res-resolution">Resolution</span>
              <select
                className="select"
                name="resolution"
                required
                aria-labelledby="res-resolution"
                value={resolution}
                onChange={(e) => setResolution(e.target.value)}
                ref={firstField}
              >
                {/* A default the project retired is not offered: the closer chooses (the select is required). */}
                {!offered.some((r) => r.key === resolution) && <option value="">Choose…</option>}
                {offered.map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            {req.issueKey && resolution === 'duplicate' && (
              <label className="field">
                <span>Duplicate of (the original's key)</span>
                <input
                  className="input mono"
                  name="original"
                  required
                  pattern="[A-Za-z][A-Za-z0-9]{1,9}-[0-9]{1,9}"
                  placeholder="SHOP-42"
                />
              </label>
            )}
            {req.fixModes && resolution === 'fixed' && (
              <div className="field">
                <span id="res-fix-mode">Fixed</span>
                <select
                  className="select"
                  name="fixMode"
                  aria-labelledby="res-fix-mode"
                  value={fixMode}
                  onChange={(e) => setFixMode(e.target.value as ResolutionModeBody['mode'])}
                >
                  <option value="now">Now (in the current release)</option>
                  <option value="in_release">In release…</option>
                  <option value="next_release">In the next release</option>
                </select>
              </div>
            )}
            {req.fixModes && resolution === 'fixed' && fixMode === 'in_release' && (
              <label className="field">
                <span>Release</span>
                <input className="input mono" name="fixRelease" required placeholder="shop@1.2.0" />
              </label>
            )}
            <label className="field">
              <span>Resolution note</span>
              <textarea
                className="textarea"
                name="note"
                rows={asksLessons ? 2 : 4}
                placeholder="What fixed it?"
              />
            </label>
            {asksLessons && (
              <fieldset className="lessons-fieldset">
                <legend>Lessons learned</legend>
                <p className="muted">Lessons learned are asked for: {req.lessons.join('; ')}</p>
                <LessonFields requireRootCause />
              </fieldset>
            )}
            {req.issueKey && <PastResolutions issueKey={req.issueKey} heading="Closest past issues" />}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => finish(null)}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary">
                Close issue
              </button>
            </div>
          </form>
        </div>
      )}
    </Ctx.Provider>
  );
}

export const useAskResolution = () => useContext(Ctx);
