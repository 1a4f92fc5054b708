import type { ReportFile } from './feedback-options.ts';
import { fileProblem, REPORT_FILE_TYPES, REPORT_FILES_MAX, toReportFile } from './report-attachments.ts';
import { h } from './widget-dom.ts';

export interface AttachmentsField {
  el: HTMLElement;
  /** Why the chosen files cannot be sent, or undefined. */
  problem(): string | undefined;
  /** The screenshot (if ticked) and the chosen files, read as the report carries them. */
  read(): Promise<ReportFile[]>;
}

/**
 * "Attach a screenshot of this page" (taken when the dialog opened, before it covered the page,
 * with typed values masked; shown so the reporter sees what they send) and a file picker.
 */
export function attachmentsField(screenshot: Promise<Blob | undefined>): AttachmentsField {
  const tick = h('input', { type: 'checkbox', id: 'cl-shot', name: 'screenshot', disabled: '' });
  const preview = h('img', { class: 'shot', alt: 'Screenshot of the page', hidden: '' });
  const shotLabel = h('label', { for: 'cl-shot' }, tick, 'Attach a screenshot of this page');
  let shot: Blob | undefined;
  void screenshot.then((b) => {
    shot = b;
    if (!b) return shotLabel.append(' (not available in this browser)');
    tick.removeAttribute('disabled');
    preview.src = URL.createObjectURL(b);
    preview.hidden = false;
  });
  const picker = h('input', {
    type: 'file',
    id: 'cl-files',
    name: 'files',
    multiple: '',
    accept: REPORT_FILE_TYPES.join(','),
  });
  const list = h('ul');
  picker.addEventListener('change', () =>
    list.replaceChildren(
      ...Array.from(picker.files ?? []).map((f) =>
        h('li', { text: `${f.name} (${Math.ceil(f.size / 1024)} KB)` }),
      ),
    ),
  );
  const chosen = () => Array.from(picker.files ?? []);
  const el = h(
    'div',
    { class: 'files' },
    shotLabel,
    preview,
    h('label', { for: 'cl-files', text: `Attach files (optional, up to ${REPORT_FILES_MAX})` }),
    picker,
    list,
  );
  return {
    el,
    problem() {
      const files = chosen();
      if (files.length + (tick.checked ? 1 : 0) > REPORT_FILES_MAX)
        return `Please attach at most ${REPORT_FILES_MAX} files, the screenshot included.`;
      for (const f of files) {
        const p = fileProblem(f);
        if (p) return p;
      }
      return shot && tick.checked
        ? fileProblem({ type: shot.type, size: shot.size, name: 'The screenshot' })
        : undefined;
    },
    async read() {
      const out: ReportFile[] = [];
      if (shot && tick.checked) out.push(await toReportFile(shot, 'screenshot.png'));
      for (const f of chosen()) out.push(await toReportFile(f, f.name));
      return out;
    },
  };
}
