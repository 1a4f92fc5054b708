/** The words a reporter gives: what went wrong, and the answers to the project's prompts. */
export interface ReportWords {
  description: string;
  steps?: string;
  expected?: string;
  actual?: string;
  name?: string;
  email?: string;
}

/**
 * The feedback widget. Every label can be changed; a prompt set to `false` is not asked. The
 * widget's colours and font follow CSS custom properties on the page (`--closeloop-accent`,
 * `--closeloop-bg`, `--closeloop-fg`, `--closeloop-font`), and its parts can be styled with
 * `::part(dialog|button|submit|field)`.
 */
export interface FeedbackOptions {
  /** A floating "Report a problem" button in the page's corner; a string is its label. */
  button?: boolean | string;
  title?: string;
  prompts?: {
    description?: string;
    steps?: string | false;
    expected?: string | false;
    actual?: string | false;
  };
  /** Ask for a name and an email (prefilled from `user.email`). Default true. */
  askContact?: boolean;
  submitLabel?: string;
  thanks?: string;
}
