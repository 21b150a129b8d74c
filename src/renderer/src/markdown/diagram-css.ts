// A drawn diagram's stylesheet (Mermaid's, cleaned and scoped to the diagram's id by
// diagram-svg.ts) in the page: a constructed style sheet the document adopts through the CSS object
// model while at least one copy of the diagram is shown, and drops after the last one goes.

/** Adopts a diagram's CSS into the document while something shows it (counted per diagram). */
const adopted = new Map<string, { sheet: CSSStyleSheet; users: number }>();

export function adoptDiagramCss(diagramId: string, css: string): () => void {
  let entry = adopted.get(diagramId);
  if (!entry) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    entry = { sheet, users: 0 };
    adopted.set(diagramId, entry);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  entry.users++;
  const held = entry;
  return () => {
    held.users--;
    if (held.users > 0 || adopted.get(diagramId) !== held) return;
    adopted.delete(diagramId);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== held.sheet);
  };
}
