// What the diagram benchmark page reports back, and the functions it exposes.
export interface DrawResult {
  /** From the first render to the last diagram drawn (or refused), ms. */
  totalMs: number;
  drawn: number;
  failed: number;
  longTasks: number[];
  /** The longest of each step over the diagrams (Runnel's performance measures), ms. */
  longestStep: { draw: number; clean: number };
  /** Each diagram's draw step in page order, ms (wall). */
  draws: number[];
}

export type RunDiagrams = (sources: string[]) => Promise<DrawResult>;

declare global {
  interface Window {
    runDiagrams: RunDiagrams;
    runDiagramBaseline: RunDiagrams;
  }
}
