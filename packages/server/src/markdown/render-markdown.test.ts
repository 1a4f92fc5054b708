import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**bold** and `code`')).toBe(
      '<p><strong>bold</strong> and <code>code</code></p>\n',
    );
  });
  it('never lets script or event handlers through', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))',
    );
    // Escaped text is fine (it shows as text); no live tag, handler or javascript: link may remain.
    expect(html).not.toMatch(/<script|<img[^>]*onerror|href="javascript:/i);
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toMatch(/href="javascript:/i);
  });
  it('opens links safely', () => {
    expect(renderMarkdown('https://example.com')).toContain('rel="noopener noreferrer nofollow"');
  });
});
