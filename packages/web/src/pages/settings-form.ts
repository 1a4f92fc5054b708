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
