// A ```mermaid block: a `figure` named "Diagram" holding the drawn `svg`, with "Show source" (a
// toggle) and "Copy" (the source). While the block can still grow, and until Mermaid has drawn it,
// the source shows; a source Mermaid refuses shows with Mermaid's message, and one over the
// limits with ours. The SVG is cleaned (diagram-svg.ts) and put into an element React leaves empty.
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CopyButton } from '../components/copy-button';
import { useMessages } from '../i18n/use-messages';
import { drawDiagram, type DiagramResult } from './diagram-render';
import { adoptDiagramCss } from './diagram-css';
import { useDocumentTheme } from './document-theme';
import { markdownMessages } from './markdown-messages';

interface Props {
  source: string;
  /** No more text can arrive in this block: it is drawn once, then. */
  settled: boolean;
}

export const DiagramView = memo(function DiagramView({ source, settled }: Props) {
  const m = useMessages(markdownMessages);
  const theme = useDocumentTheme();
  const [result, setResult] = useState<{ source: string; value: DiagramResult } | null>(null);
  const [showSource, setShowSource] = useState(false);

  useEffect(() => {
    if (!settled) return;
    let live = true;
    drawDiagram(source, theme).then(
      (value) => live && setResult({ source, value }),
      (err: unknown) => live && setResult({ source, value: { kind: 'error', message: String(err) } }),
    );
    return () => {
      live = false;
    };
  }, [settled, source, theme]);

  // After a theme change the old picture stays until the new one is drawn.
  const shown = result?.source === source ? result.value : undefined;
  const drawn = shown?.kind === 'drawn' ? shown : null;
  const failed = shown && shown.kind !== 'drawn' ? shown : null;
  const sourceVisible = !settled || !drawn || showSource;

  return (
    <figure
      className="md-diagram"
      aria-label={m.diagram}
      aria-busy={settled && !shown ? true : undefined}
      data-state={!settled ? 'streaming' : (shown?.kind ?? 'drawing')}
    >
      <div className="md-code-head md-diagram-head">
        <span className="md-code-lang">mermaid</span>
        <span className="md-diagram-actions">
          {drawn && (
            <button
              type="button"
              className="md-code-copy"
              aria-pressed={showSource}
              onClick={() => setShowSource((v) => !v)}
            >
              {m.showSource}
            </button>
          )}
          <CopyButton text={source} label={m.copyDiagram} className="md-code-copy" />
        </span>
      </div>
      {failed && (
        <p className="md-diagram-error" role="note">
          {failed.kind === 'too-large' ? m.diagramTooLarge(failed.limit) : m.diagramFailed(failed.message)}
        </p>
      )}
      {drawn && <SvgHost id={drawn.id} svg={drawn.svg} css={drawn.css} hidden={showSource} />}
      {sourceVisible && (
        <pre className="md-diagram-source">
          <code>{source}</code>
        </pre>
      )}
    </figure>
  );
});

/** Holds a cleaned SVG (a copy of the cached one) and its stylesheet while mounted. */
function SvgHost({ id, svg, css, hidden }: { id: string; svg: SVGSVGElement; css: string; hidden: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const host = ref.current;
    if (!host) return;
    const release = adoptDiagramCss(id, css);
    host.replaceChildren(svg.cloneNode(true));
    return () => {
      host.replaceChildren();
      release();
    };
  }, [id, svg, css]);
  return <div ref={ref} className="md-diagram-svg" hidden={hidden} />;
}
