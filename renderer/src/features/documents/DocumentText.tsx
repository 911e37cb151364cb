// A window of a document's text with the highlighted range marked and scrolled into view.
import { useEffect, useRef } from 'react';

export function DocumentText({ offset, text, highlight, label }: {
  offset: number; text: string; highlight: { charStart: number; charEnd: number } | null; label: string;
}) {
  const mark = useRef<HTMLElement>(null);
  useEffect(() => { mark.current?.scrollIntoView({ block: 'center' }); }, [offset, text, highlight?.charStart, highlight?.charEnd]);
  const end = offset + text.length;
  const inWindow = highlight && highlight.charEnd > offset && highlight.charStart < end;
  if (!inWindow) return <pre className="doc-text" tabIndex={0} aria-label={label}>{text}</pre>;
  const a = Math.max(0, highlight.charStart - offset);
  const b = Math.min(text.length, Math.max(a + 1, highlight.charEnd - offset));
  return (
    <pre className="doc-text" tabIndex={0} aria-label={label}>
      {text.slice(0, a)}<mark ref={mark} data-testid="doc-highlight">{text.slice(a, b)}</mark>{text.slice(b)}
    </pre>
  );
}
