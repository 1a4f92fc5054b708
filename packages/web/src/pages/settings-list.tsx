import { Fragment, type ReactNode } from 'react';
import { ProjectPicker } from '../components/project-picker.tsx';
import type { useCurrentProject } from '../lib/current-project.ts';
import type { useEditorWrite } from './settings-form.ts';

type Write = ReturnType<typeof useEditorWrite>;

/**
 * A project's list of named things an admin edits in place (resolutions, issue types): the title
 * with the project picker, an add form, the last write's error beside it, and one table row per
 * item. Writes go through the caller's `write`, so rows and anything below (`children`) report
 * their errors in the same place.
 */
export function SettingsList<T>(props: {
  id: string;
  title: string;
  project: ReturnType<typeof useCurrentProject>;
  intro?: ReactNode;
  write: Write;
  /** The add form's fields; `create` sends them, the form is cleared once it succeeded. */
  add: { fields: ReactNode; submit: string; done: string; create: (f: FormData) => Promise<unknown> };
  items: T[];
  itemKey: (item: T) => string;
  row: (item: T) => ReactNode;
  children?: ReactNode;
}) {
  const { write, add } = props;
  return (
    <section aria-labelledby={props.id}>
      <div className="section-title">
        <h2 id={props.id}>{props.title}</h2>
        <ProjectPicker current={props.project} />
      </div>
      {props.intro}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          void write.run(() => add.create(new FormData(form)).then(() => form.reset()), add.done);
        }}
      >
        {add.fields}
        <button className="btn btn-primary" type="submit">
          {add.submit}
        </button>
      </form>
      {write.error && (
        <p className="field-error" role="alert">
          {write.error}
        </p>
      )}
      <table className="table" aria-label={props.title}>
        <tbody>
          {props.items.map((item) => (
            <Fragment key={props.itemKey(item)}>{props.row(item)}</Fragment>
          ))}
        </tbody>
      </table>
      {props.children}
    </section>
  );
}

/** Deletes after the admin confirms, through the list's write (its error shown in the same place). */
export function confirmDelete(write: Write, what: string, name: string, del: () => Promise<unknown>) {
  if (confirm(`Delete the ${what} ${name}?`)) void write.run(del, `${name} deleted`);
}
