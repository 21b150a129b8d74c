// Drawing diagrams: Mermaid and the SVG cleaner load with the first diagram (diagram-draw.ts, a
// lazy chunk, see lazy-module.ts). Mermaid keeps one global configuration, and the app's build gives
// the page turns in the middle of Mermaid's drawing (scripts/vite-mermaid-patches.ts), so diagrams
// are drawn one at a time, in a queue that also gives the page back between them (a page of twenty
// diagrams is many short tasks, not one long one); nothing else may call Mermaid. Results are kept
// by source and theme, so a diagram scrolled out of a virtualized list and back, or shown twice, is
// not drawn again.
import type { DiagramResult } from './diagram-draw';
import type { DiagramTheme } from './diagram-limits';
import { lazyModule } from './lazy-module';

export type { DiagramResult } from './diagram-draw';

export const diagramEngine = lazyModule(() => import('./diagram-draw'));

const CACHE_SIZE = 64;
const cache = new Map<string, Promise<DiagramResult>>();
let queue: Promise<unknown> = Promise.resolve();

/** The drawn diagram for a block's text in a theme; the same promise for the same text and theme. */
export function drawDiagram(text: string, theme: DiagramTheme): Promise<DiagramResult> {
  const key = `${theme}\n${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const result = enqueue(async () => (await diagramEngine.load()).draw(text, theme, giveWay));
  cache.set(key, result);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(giveWay).then(job);
  queue = run.catch(() => {});
  return run;
}

/** Lets the page paint and handle input before the next step. */
const giveWay = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
