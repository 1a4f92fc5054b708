import type { FormEvent, ReactNode } from 'react';
import { Logo } from './logo.tsx';

/** The signed-out pages' one card: logo, title, a lead line, the error, then the form's fields. */
export function AuthCard(props: {
  titleId: string;
  title: ReactNode;
  lead: ReactNode;
  error: string | null;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <main className="auth">
      <form className="auth-card" onSubmit={props.onSubmit} aria-labelledby={props.titleId}>
        <Logo />
        <h1 id={props.titleId}>{props.title}</h1>
        <p className="muted" style={{ marginTop: 0, marginBottom: 20 }}>
          {props.lead}
        </p>
        {props.error && (
          <div className="alert" role="alert">
            {props.error}
          </div>
        )}
        {props.children}
      </form>
    </main>
  );
}
