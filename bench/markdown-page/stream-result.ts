// What the markdown benchmark page reports back to the benchmark, and the functions it exposes.
export interface FlushTiming {
  /** Characters shown after this flush. */
  at: number;
  ms: number;
}

export interface StreamResult {
  flushes: FlushTiming[];
  longTasks: number[];
}

export type RunStream = (text: string, step: number, interval: number) => Promise<StreamResult>;

declare global {
  interface Window {
    runRunnel: RunStream;
    runBaseline: RunStream;
  }
}
