// What a diagram block is and how large a diagram may be drawn: the few names the page needs
// before Mermaid has loaded (the block's language, the limits its messages quote). The rest of the
// diagram path (diagram-source.ts, diagram-draw.ts) loads with the first diagram.

/** Info strings that name a Mermaid diagram (the first word, any case). */
export const isDiagramLanguage = (language: string): boolean => language.toLowerCase() === 'mermaid';

/** Longer sources than this are shown as source: Mermaid's layout grows faster than the text. */
export const MAX_DIAGRAM_CHARS = 15_000;
/** More lines than this (nodes, edges, messages) are shown as source. */
export const MAX_DIAGRAM_LINES = 300;
/** Deeper nesting of subgraphs, states, namespaces or boxes than this is shown as source. */
export const MAX_DIAGRAM_DEPTH = 12;
/**
 * Mermaid's own check on flowcharts, while parsing: more edges than this throw. Layout time grows
 * quickly with edges (a flowchart of 190 edges took seconds of main thread on the test machine).
 */
export const MAX_DIAGRAM_EDGES = 100;

export type DiagramLimit = 'chars' | 'lines' | 'depth';

export type DiagramTheme = 'light' | 'dark';
