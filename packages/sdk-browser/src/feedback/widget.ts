import { withoutTemplate } from '@closeloop/core/intake/report-quality';
import type { FeedbackOptions, ReportServer, ReportWords } from './feedback-options.ts';
import { type ReportRules, reportRules } from './report-server.ts';
import { captureScreenshot } from './screenshot.ts';
import { type AttachmentsField, attachmentsField } from './widget-attachments.ts';
import { h, host } from './widget-dom.ts';
import { knownIssueOffer } from './widget-offer.ts';

/**
 * The feedback widget's UI, a lazy chunk: nothing of it loads until the page opens the dialog or
 * asks for the button. The project's report rules (the description's template, the prompts it
 * requires) come from the server as on the public form; while the reporter types, known issues
 * are offered ("Is it one of these?"); a screenshot of the page and files can go with the report.
 */

type Prompt = 'steps' | 'expected' | 'actual';
const PROMPT_LABELS: Record<Prompt, string> = {
  steps: 'What did you do? (steps)',
  expected: 'What did you expect to happen?',
  actual: 'What happened instead?',
};

let open = false;

/**
 * Opens the report dialog. `submit` gets the words (it queues the report; sending never fails
 * here: offline, the report waits in storage). Escape or Cancel closes it without sending.
 */
export function openReportDialog(
  options: FeedbackOptions,
  defaults: { email?: string | undefined; name?: string | undefined },
  submit: (words: ReportWords) => void,
  server: ReportServer,
): void {
  if (open) return;
  open = true;
  // Taken now, before the dialog covers the page; the DOM is copied at once, drawn afterwards.
  const screenshot = options.attachments === false ? undefined : captureScreenshot();
  const root = host();
  const prompts = options.prompts ?? {};
  let rules: ReportRules = { template: '', required: [] };
  let sameAs: number | undefined;

  const form = h('form', { part: 'form' });
  const inputs = new Map<keyof ReportWords, HTMLInputElement | HTMLTextAreaElement>();
  const labels = new Map<Prompt, HTMLLabelElement>();
  const field = (name: keyof ReportWords, label: string, tag: 'textarea' | 'input', value?: string) => {
    const id = `cl-${name}`;
    const input = h(tag, { id, name, part: 'field' });
    if (tag === 'input') input.setAttribute('type', name === 'email' ? 'email' : 'text');
    if (value) input.value = value;
    inputs.set(name, input);
    const l = h('label', { for: id, text: label });
    form.append(l, input);
    return { input, label: l };
  };
  const description = field('description', prompts.description ?? 'What went wrong?', 'textarea')
    .input as HTMLTextAreaElement;
  form.append(
    knownIssueOffer(
      server,
      description,
      () => withoutTemplate(description.value, rules.template),
      (issue) => {
        sameAs = issue?.id;
      },
    ),
  );
  for (const p of ['steps', 'expected', 'actual'] as const) {
    const text = prompts[p];
    const { input, label } = field(p, text || PROMPT_LABELS[p], 'textarea');
    labels.set(p, label);
    // Not asked when the page turned it off, unless the project requires it (below).
    if (text === false) input.hidden = label.hidden = true;
  }
  if (options.askContact !== false) {
    field('name', 'Your name (optional)', 'input', defaults.name);
    field('email', 'Your email (optional, for updates)', 'input', defaults.email);
  }
  let files: AttachmentsField | undefined;
  if (screenshot) {
    files = attachmentsField(screenshot);
    form.append(files.el);
  }
  // A field people never see: a bot that fills it in is ignored (the dialog just closes).
  const trap = h('input', {
    name: 'website',
    tabindex: '-1',
    autocomplete: 'off',
    class: 'hp',
    'aria-hidden': 'true',
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const cancel = h('button', { type: 'button', text: 'Cancel' });
  const send = h('button', {
    type: 'submit',
    class: 'primary',
    part: 'submit',
    text: options.submitLabel ?? 'Send report',
  });
  form.append(trap, error, h('div', { class: 'row' }, cancel, send));
  const title = options.title ?? 'Report a problem';
  const dialog = h(
    'div',
    { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': title, part: 'dialog' },
    h('h2', { text: title }),
    form,
  );
  const backdrop = h('div', { class: 'backdrop' }, dialog);
  root.appendChild(backdrop);

  // The project's rules: the description starts from its template, required prompts are marked.
  void reportRules(server).then((r) => {
    if (!r || !open) return;
    rules = r;
    if (!description.value.trim() && r.template) description.value = r.template;
    for (const p of r.required) {
      const label = labels.get(p);
      const input = inputs.get(p);
      if (!label || !input) continue;
      label.hidden = input.hidden = false;
      label.textContent = `${label.textContent} (required)`;
    }
  });

  const close = () => {
    open = false;
    removeEventListener('keydown', onKey, true);
    (root.host as HTMLElement).remove();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
  };
  addEventListener('keydown', onKey, true);
  cancel.addEventListener('click', close);
  const refuse = (message: string, focus?: HTMLElement) => {
    error.textContent = message;
    focus?.focus();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (trap.value) return close();
    const words: ReportWords = { description: '' };
    for (const [name, input] of inputs) (words as unknown as Record<string, string>)[name] = input.value;
    if (!withoutTemplate(words.description, rules.template).trim())
      return refuse('Please describe what went wrong.', description);
    // Adding to a known issue is a +1: its reporter is not asked to describe it again.
    const unanswered = sameAs === undefined ? rules.required.filter((p) => !words[p]?.trim()) : [];
    if (unanswered.length > 0)
      return refuse(
        `Please answer: ${unanswered.map((p) => labels.get(p)?.textContent?.replace(' (required)', '')).join(', ')}`,
        inputs.get(unanswered[0]!),
      );
    const problem = files?.problem();
    if (problem) return refuse(problem);
    send.setAttribute('disabled', '');
    try {
      const attached = (await files?.read()) ?? [];
      if (attached.length > 0) words.files = attached;
    } catch {
      send.removeAttribute('disabled');
      return refuse('A file could not be read; please choose it again.');
    }
    if (sameAs !== undefined) words.sameAs = sameAs;
    submit(words);
    dialog.replaceChildren(
      h('h2', { text: title }),
      h('p', { role: 'status', text: options.thanks ?? 'Thank you! Your report was sent to the team.' }),
      h('div', { class: 'row' }, h('button', { type: 'button', class: 'primary', text: 'Close' })),
    );
    const done = dialog.querySelector('button');
    done?.addEventListener('click', close);
    done?.focus();
  });
  description.focus();
}

/** The floating button; returns its removal. */
export function mountReportButton(label: string, onClick: () => void): () => void {
  const root = host();
  const button = h('button', { type: 'button', class: 'fab', part: 'button', text: label });
  button.addEventListener('click', onClick);
  root.appendChild(button);
  return () => (root.host as HTMLElement).remove();
}
