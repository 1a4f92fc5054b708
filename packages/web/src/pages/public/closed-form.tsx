import { Logo } from '../../components/logo.tsx';

/** A form turned off (or a wrong link: the server answers both alike, so nobody can probe forms). */
export function ClosedForm({ title, children }: { title: string; children: string }) {
  return (
    <main className="public-page">
      <section className="public-card" aria-labelledby="closed-title" data-testid="form-closed">
        <Logo />
        <h1 id="closed-title">{title}</h1>
        <p className="muted">{children}</p>
      </section>
    </main>
  );
}
