import {
  REPORT_FILE_MAX_BYTES,
  REPORT_FILE_TYPES,
  REPORT_FILES_MAX,
} from '@closeloop/shared/ingest/report-files';
import type { ReportFile } from './feedback-options.ts';

/**
 * The files a reporter attaches, checked against the same bounds the server enforces
 * (shared/ingest/report-files.ts), so a report is never refused for them after it was sent.
 */

export { REPORT_FILE_TYPES, REPORT_FILES_MAX };

/** Why this file cannot go with the report, or undefined when it can. */
export function fileProblem(file: { type: string; size: number; name?: string }): string | undefined {
  const name = file.name ?? 'file';
  if (!REPORT_FILE_TYPES.includes(file.type.toLowerCase()))
    return `${name}: this type of file cannot be sent (images, PDF, text, CSV, JSON or ZIP can).`;
  if (file.size === 0) return `${name} is empty.`;
  if (file.size > REPORT_FILE_MAX_BYTES)
    return `${name} is too big (at most ${Math.round(REPORT_FILE_MAX_BYTES / 1024 / 1024)} MB).`;
  return undefined;
}

/** The file as the report carries it: its bytes in base64. */
export function toReportFile(file: Blob, filename: string): Promise<ReportFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ filename, content_type: file.type.toLowerCase(), data: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
