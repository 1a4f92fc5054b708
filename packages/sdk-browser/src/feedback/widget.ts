import type { FeedbackOptions, ReportWords } from './feedback-options.ts';

/**
 * The feedback widget's UI, a lazy chunk: nothing of it loads until the page opens the dialog or
 * asks for the button. It lives in a shadow root (the page's CSS cannot break it, it cannot break
 * the page) on a host marked `data-closeloop-block`, so the replay never records what is typed.
 */

const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:var(--closeloop-font,system-ui,sans-serif)}
.backdrop{position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;align-items:center;justify-content:center;z-index:2147483646}
.dialog{background:var(--closeloop-bg,#fff);color:var(--closeloop-fg,#1d1d1f);border-radius:10px;padding:20px;width:min(440px,calc(100vw - 24px));max-height:calc(100vh - 24px);overflow:auto;box-shadow:0 12px 40px rgba(0,0,0,.25)}
h2{margin:0 0 12px;font-size:17px}
label{display:block;font-size:13px;margin:10px 0 4px}
textarea,input{width:100%;font-size:14px;padding:7px 9px;border:1px solid #c9c9cf;border-radius:6px;background:inherit;color:inherit}
textarea{min-height:64px;resize:vertical}
.row{display:flex;gap:8px;justify-content:flex-end;margin-top:16px}
button{font-size:14px;padding:7px 14px;border-radius:6px;border:1px solid #c9c9cf;background:transparent;color:inherit;cursor:pointer}
.primary{background:var(--closeloop-accent,#5b5bd6);border-color:transparent;color:#fff}
.error{color:#c62828;font-size:13px;margin:8px 0 0}
.fab{position:fixed;right:18px;bottom:18px;z-index:2147483645;background:var(--closeloop-accent,#5b5bd6);color:#fff;border:0;border-radius:20px;padding:9px 16px;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.hp{position:absolute;left:-9999px}
`;

function host(): ShadowRoot {
  const el = document.createElement('div');
  el.setAttribute('data-closeloop-block', '');
  el.setAttribute('data-closeloop-feedback', '');
  document.body.appendChild(el);
  const root = el.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  root.appendChild(style);
  return root;
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

let open = false;

/**
 * Opens the report dialog. `submit` gets the words (it queues the report; sending never fails
 * here: offline, the report waits in storage). Escape or Cancel closes it without sending.
 */
export function openReportDialog(
  options: FeedbackOptions,
  defaults: { email?: string | undefined; name?: string | undefined },
  submit: (words: ReportWords) => void,
): void {
  if (open) return;
  open = true;
  const root = host();
  const prompts = options.prompts ?? {};
  const fields: Array<[keyof ReportWords, string, 'textarea' | 'input', string?]> = [
    ['description', prompts.description ?? 'What went wrong?', 'textarea'],
  ];
  if (prompts.steps !== false)
    fields.push(['steps', prompts.steps ?? 'What did you do? (steps)', 'textarea']);
  if (prompts.expected !== false)
    fields.push(['expected', prompts.expected ?? 'What did you expect to happen?', 'textarea']);
  if (prompts.actual !== false)
    fields.push(['actual', prompts.actual ?? 'What happened instead?', 'textarea']);
  if (options.askContact !== false) {
    fields.push(['name', 'Your name (optional)', 'input', defaults.name]);
    fields.push(['email', 'Your email (optional, for updates)', 'input', defaults.email]);
  }
  const form = h('form', { part: 'form' });
  const inputs = new Map<keyof ReportWords, HTMLInputElement | HTMLTextAreaElement>();
  for (const [name, label, tag, value] of fields) {
    const id = `cl-${name}`;
    const input = h(tag, { id, name, part: 'field' });
    if (tag === 'input') input.setAttribute('type', name === 'email' ? 'email' : 'text');
    if (value) input.value = value;
    inputs.set(name, input);
    form.append(h('label', { for: id, text: label }), input);
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
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (trap.value) return close();
    const words = { description: '' } as ReportWords;
    for (const [name, input] of inputs) words[name] = input.value;
    if (!words.description.trim()) {
      error.textContent = 'Please describe what went wrong.';
      inputs.get('description')?.focus();
      return;
    }
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
  inputs.get('description')?.focus();
}

/** The floating button; returns its removal. */
export function mountReportButton(label: string, onClick: () => void): () => void {
  const root = host();
  const button = h('button', { type: 'button', class: 'fab', part: 'button', text: label });
  button.addEventListener('click', onClick);
  root.appendChild(button);
  return () => (root.host as HTMLElement).remove();
}
