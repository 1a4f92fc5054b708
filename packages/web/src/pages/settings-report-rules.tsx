import { PROMPT_LABEL, REPORT_PROMPTS, type ReportPrompt } from '@closeloop/core/intake/report-quality';
import type { IssueType } from '@closeloop/shared/api/workflows';
import { useState } from 'react';

/**
 * An issue type's report rules (issue 17.4): the template a report's description starts from on the
 * public form, and the prompts a report must answer (the form requires them; a report of any source
 * lacking them is flagged vague in triage). People's reports are filed as `bug`, so its rules apply.
 */
export function TypeReportRules({
  type,
  onSave,
}: {
  type: IssueType;
  onSave: (body: { reportTemplate: string; reportRequired: ReportPrompt[] }) => void;
}) {
  const [template, setTemplate] = useState(type.reportTemplate);
  const [required, setRequired] = useState<ReportPrompt[]>(type.reportRequired);
  const toggle = (p: ReportPrompt, on: boolean) =>
    setRequired((r) => REPORT_PROMPTS.filter((x) => (x === p ? on : r.includes(x))));
  const dirty = template !== type.reportTemplate || required.join() !== type.reportRequired.join();
  return (
    <details className="type-report-rules" open={type.key === 'bug'}>
      <summary>
        Reports filed as {type.name}
        {type.key === 'bug' ? ' (people’s reports are filed as this type)' : ''}
      </summary>
      <label className="field">
        <span>Report template of {type.name}</span>
        <textarea
          className="textarea"
          value={template}
          maxLength={4_000}
          placeholder={'## What were you doing?\n## Which page were you on?'}
          onChange={(e) => setTemplate(e.target.value)}
        />
      </label>
      <fieldset className="field">
        <legend>Required answers</legend>
        {REPORT_PROMPTS.map((p) => (
          <label key={p} className="checkbox">
            <input
              type="checkbox"
              checked={required.includes(p)}
              onChange={(e) => toggle(p, e.target.checked)}
            />{' '}
            {PROMPT_LABEL[p]}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!dirty}
        onClick={() => onSave({ reportTemplate: template, reportRequired: required })}
      >
        Save report rules
      </button>
    </details>
  );
}
