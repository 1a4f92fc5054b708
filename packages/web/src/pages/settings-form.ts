import { type FormEvent, useState } from 'react';
import { errorText } from '../api/client.ts';
import { useToast } from '../components/toasts.tsx';

/** A settings form's submit: no page reload, busy while saving, reset when saved, the error as a toast. */
export function useSubmit<T>(fn: (f: FormData) => Promise<T>) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    onSubmit: async (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      setBusy(true);
      try {
        await fn(new FormData(form));
        form.reset();
      } catch (err) {
        toast(errorText(err), 'error');
      } finally {
        setBusy(false);
      }
    },
  };
}

/**
 * A settings editor's write: the error stays in place beside the editor (not a toast, so the admin
 * can read it while correcting), success is a toast, and `refresh` reloads what the editor shows.
 */
export function useEditorWrite(refresh: () => Promise<unknown>) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await fn();
      toast(done, 'success');
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return { error, run };
}
