/** A file sent with a report: a screenshot of the page or one the reporter picked, in base64. */
export interface ReportFile {
  filename: string;
  content_type: string;
  data: string;
}

/** The words a reporter gives: what went wrong, and the answers to the project's prompts. */
export interface ReportWords {
  description: string;
  steps?: string;
  expected?: string;
  actual?: string;
  name?: string;
  email?: string;
  /** The known issue the reporter chose ("it is this one"): the report is a +1 on it. */
  sameAs?: number;
  /** A screenshot of the page (inputs masked) and files the reporter attached. */
  files?: ReportFile[];
}

/** Where the widget asks the project's prompts and known issues: the SDK's DSN and its unwrapped fetch. */
export interface ReportServer {
  origin: string;
  key: string;
  fetch: typeof fetch | undefined;
}

/**
 * The feedback widget. Every label can be changed; a prompt set to `false` is not asked unless the
 * project requires it (the template and required prompts come from the server). The
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
  /** Offer to attach a screenshot of the page (inputs masked) and files. Default true. */
  attachments?: boolean;
  /** Ask for a name and an email (prefilled from `user.email`). Default true. */
  askContact?: boolean;
  submitLabel?: string;
  thanks?: string;
}
