import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

export type PromptOptions = {
  title: string;
  label: string;
  defaultValue?: string;
  placeholder?: string;
  submitLabel?: string;
  /** A message when the value cannot be used (shown under the field; the dialog stays open). */
  validate?: (value: string) => string | null;
  /** Whether an empty value may be submitted (e.g. "no limit"). */
  allowEmpty?: boolean;
};
type Ask = (opts: PromptOptions) => Promise<string | null>;
const Ctx = createContext<Ask>(async () => null);

/**
 * A one-field dialog in place of `window.prompt` (which blocks the page, cannot be styled or
 * validated, and is skipped by some browsers): `await ask({...})` gives the trimmed text or null.
 */
export function PromptProvider({ children }: { children: ReactNode }) {
  const [req, setReq] = useState<PromptOptions | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const resolver = useRef<((v: string | null) => void) | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const restore = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (req) {
      input.current?.focus();
      input.current?.select();
    }
  }, [req]);
  const ask = useCallback<Ask>(
    (opts) =>
      new Promise((resolve) => {
        restore.current = document.activeElement as HTMLElement | null;
        resolver.current = resolve;
        setValue(opts.defaultValue ?? '');
        setError(null);
        setReq(opts);
      }),
    [],
  );
  const finish = (v: string | null) => {
    resolver.current?.(v);
    resolver.current = null;
    setReq(null);
    restore.current?.focus?.();
  };
  return (
    <Ctx.Provider value={ask}>
      {children}
      {req && (
        // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop's click-to-close is a pointer shortcut; Escape closes the dialog from the keyboard
        <div className="overlay" onMouseDown={() => finish(null)}>
          <form
            className="dialog dialog-small"
            role="dialog"
            aria-modal="true"
            aria-labelledby="prompt-title"
            onMouseDown={(e) => e.stopPropagation()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                finish(null);
              }
            }}
            onSubmit={(e) => {
              e.preventDefault();
              const v = value.trim();
              if (!v && !req.allowEmpty) return setError('Enter a value, or Cancel.');
              const problem = req.validate?.(v) ?? null;
              if (problem) return setError(problem);
              finish(v);
            }}
          >
            <h2 id="prompt-title">{req.title}</h2>
            <label className="field">
              <span>{req.label}</span>
              <input
                ref={input}
                className="input"
                value={value}
                placeholder={req.placeholder}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'prompt-error' : undefined}
                onChange={(e) => {
                  setValue(e.target.value);
                  setError(null);
                }}
              />
            </label>
            {error && (
              <p id="prompt-error" className="field-error" role="alert">
                {error}
              </p>
            )}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => finish(null)}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary">
                {req.submitLabel ?? 'Save'}
              </button>
            </div>
          </form>
        </div>
      )}
    </Ctx.Provider>
  );
}

export const useAskText = () => useContext(Ctx);
