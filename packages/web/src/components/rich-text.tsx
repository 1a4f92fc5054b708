import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useDirectory } from '../lib/directory.ts';
import { sanitize } from '../lib/markdown.ts';
import { linkMentions, mentionResolver } from '../lib/mention-links.ts';

/**
 * Rendered Markdown (HTML already made by markdown-it or the server, sanitised again here) with its
 * @mentions as highlighted links to the person or team; links inside the app navigate without a reload.
 */
export function RichText({ html, className = 'markdown' }: { html: string; className?: string }) {
  const dir = useDirectory();
  const navigate = useNavigate();
  const out = useMemo(() => linkMentions(sanitize(html), mentionResolver(dir)), [html, dir]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the links inside are the interactive elements; this only keeps their navigation in the app
    <div
      className={className}
      onClick={(e) => {
        const a = (e.target as HTMLElement).closest('a.mention');
        if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(a.getAttribute('href') ?? '/');
      }}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify; mentions added as text-only links
      dangerouslySetInnerHTML={{ __html: out }}
    />
  );
}
