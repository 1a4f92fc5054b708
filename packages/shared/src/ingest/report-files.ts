/**
 * The files a feedback-widget report may carry (a screenshot of the page, files the reporter
 * picks): the widget checks them before sending and the ingest endpoint refuses anything else with
 * a 400, so both read these. No imports: the widget's lazy chunk takes them without zod.
 */

/** At most this many files per report. */
export const REPORT_FILES_MAX = 4;
/** Bytes of one file, decoded (base64 in the report is a third larger). */
export const REPORT_FILE_MAX_BYTES = 2 * 1024 * 1024;
/**
 * Types a report file may have. Everything else, HTML and SVG above all, is refused: a reporter's
 * file must never be able to run as a page (the issue page shows images inline, the rest as downloads).
 */
export const REPORT_FILE_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
];
