import { type Ref, useId } from 'react';

/** A password being chosen (sign-up, reset, change), with the one rule people are told: NIST's, length only. */
export function NewPasswordField(props: {
  label: string;
  name: string;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const hint = useId();
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        ref={props.inputRef}
        className="input"
        name={props.name}
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        aria-describedby={hint}
      />
      <span id={hint} className="faint">
        At least 8 characters; a long phrase is best. Common passwords are refused.
      </span>
      {props.error && <span className="field-error">{props.error}</span>}
    </label>
  );
}
