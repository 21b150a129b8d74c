// One diagram drawn by Mermaid, loaded with the first diagram together with Mermaid (this module
// imports it; diagram-render.ts imports this module lazily and queues the calls). Mermaid draws
// into a hidden scratch element (it measures text with the layout engine); what it returns is
// cleaned (diagram-svg.ts) before the page holds any of it.
import mermaid from 'mermaid';
import type { DiagramLimit, DiagramTheme } from './diagram-limits';
import { diagramLimit, diagramSource, mermaidOptions } from './diagram-source';
import { withStylesAside } from './diagram-style-aside';
import { cleanDiagram } from './diagram-svg';

export type DiagramResult =
  | { kind: 'drawn'; id: string; svg: SVGSVGElement; css: string }
  /** Mermaid refused the source (a parse error, too many edges): its own words. */
  | { kind: 'error'; message: string }
  | { kind: 'too-large'; limit: DiagramLimit };

let counter = 0;
let configured: DiagramTheme | null = null;

/**
 * Draws one diagram; `giveWay` lets the page run between Mermaid's drawing and the cleaning. Each
 * step's time is a performance measure (`runnel-diagram-N draw|clean`) for the benchmark and devtools.
 */
export async function draw(text: string, theme: DiagramTheme, giveWay: () => Promise<void>): Promise<DiagramResult> {
  const source = diagramSource(text);
  const limit = diagramLimit(source);
  if (limit) return { kind: 'too-large', limit };
  if (configured !== theme) {
    mermaid.initialize(mermaidOptions(theme));
    configured = theme;
  }
  const id = `runnel-diagram-${++counter}`;
  const scratch = scratchElement();
  try {
    // Rendering parses too, and throws the parser's error: no separate parse.
    const drawing = performance.now();
    const { svg } = await withStylesAside(scratch, () => mermaid.render(id, source, scratch));
    performance.measure(`${id} draw`, { start: drawing });
    scratch.replaceChildren();
    await giveWay();
    const cleaning = performance.now();
    const clean = cleanDiagram(id, svg);
    performance.measure(`${id} clean`, { start: cleaning });
    return clean ? { kind: 'drawn', id, ...clean } : { kind: 'error', message: 'Mermaid returned no SVG' };
  } catch (err) {
    return { kind: 'error', message: errorMessage(err) };
  } finally {
    scratch.replaceChildren();
  }
}

/** Mermaid's message up to its first blank line (after it comes advice for developers), bounded. */
function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (
    message
      .trim()
      .split(/\n[ \t]*\n/, 1)[0]!
      .slice(0, 2000) || 'Unknown error'
  );
}

/**
 * Where Mermaid draws: in the page (so text can be measured), out of sight and out of the
 * accessibility tree, in the font and size the figure shows the diagram in.
 */
function scratchElement(): HTMLElement {
  let scratch = document.getElementById('runnel-diagram-scratch');
  if (!scratch) {
    scratch = document.createElement('div');
    scratch.id = 'runnel-diagram-scratch';
    scratch.className = 'md-diagram-scratch';
    scratch.setAttribute('aria-hidden', 'true');
    document.body.append(scratch);
  }
  return scratch;
}
