import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type sanitizeHtmlTypes from 'sanitize-html';

/**
 * The renderer is built on the first Markdown to render, not at start: markdown-it and
 * sanitize-html are 2.3 MB of heap that an idle server does not need (bench/RESULTS.md, memory).
 * Both are CommonJS, so loading them stays synchronous.
 */
let renderer: ((source: string) => string) | undefined;

function buildRenderer(): (source: string) => string {
  const load = createRequire(import.meta.url);
  const Markdown = load('markdown-it') as typeof MarkdownIt;
  const sanitizeHtml = load('sanitize-html') as typeof sanitizeHtmlTypes;
  // Raw HTML in Markdown is off and the output is sanitised anyway: no user text reaches a page as live HTML.
  const md = new Markdown({ html: false, linkify: true, breaks: true });
  const allowed = allowedHtml(sanitizeHtml);
  return (source) => sanitizeHtml(md.render(source), allowed);
}

const allowedHtml = (sanitizeHtml: typeof sanitizeHtmlTypes) => ({
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 's', 'input'],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
});

export function renderMarkdown(source: string): string {
  renderer ??= buildRenderer();
  return renderer(source);
}
