import type { LessonsBody } from '@closeloop/shared/api/lessons';
import { RESOLUTIONS, type Resolution } from '@closeloop/shared/issue-fields';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { humanize } from '../lib/format.ts';
import { LessonFields, lessonAnswers } from './lesson-fields.tsx';

export type Closing = { resolution: Resolution; resolutionNote: string | null; lessons?: LessonsBody };
type AskOptions = { title: string; defaultResolution?: Resolution; lessons?: boolean };
type Ask = (opts: AskOptions) => Promise<Closing | null>;
const Ctx = createContext<Ask>(async () => null);

/**
 * Closing an issue asks for a resolution and a note; work that owes a lessons-learned record
 * (high or urgent, risks, incidents) also gets the record's questions, root cause required.
 */
export function ResolutionProvider({ children }: { children: ReactNode }) {
  const [req, setReq] = useState<{ title: string; defaultResolution: Resolution; lessons: boolean } | null>(
    null,
  );
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
        setReq({
          title: opts.title,
          defaultResolution: opts.defaultResolution ?? 'fixed',
          lessons: !!opts.lessons,
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
                resolution: f.get('resolution') as Resolution,
                resolutionNote: note || null,
              };
              if (req.lessons) {
                closing.lessons = lessonAnswers(e.currentTarget);
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
                aria-labelledby="res-resolution"
                defaultValue={req.defaultResolution}
                ref={firstField}
              >
                {RESOLUTIONS.map((r) => (
                  <option key={r} value={r}>
                    {humanize(r)}
                  </option>
                ))}
              </select>
            </div>
            <label className="field">
              <span>Resolution note</span>
              <textarea
                className="textarea"
                name="note"
                rows={req.lessons ? 2 : 4}
                placeholder="What fixed it?"
              />
            </label>
            {req.lessons && (
              <fieldset className="lessons-fieldset">
                <legend>Lessons learned</legend>
                <LessonFields requireRootCause />
              </fieldset>
            )}
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
