// Benchmark 3's page: streams a markdown answer into the app's own MarkdownView at a fixed flush
// rate, timing each flush (render plus the layout it forces), and the same text into a baseline
// that re-renders the whole message with marked on every flush, as naive clients do.
import { marked } from 'marked';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { MarkdownView } from '../../src/renderer/src/markdown/markdown-view';
import 'katex/dist/katex.min.css';
import '../../src/renderer/src/styles/base.css';
import '../../src/renderer/src/styles/markdown.css';
import type { FlushTiming, StreamResult } from './stream-result';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function stream(
  text: string,
  step: number,
  interval: number,
  flush: (shown: string) => void,
): Promise<StreamResult> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const flushes: FlushTiming[] = [];
  let next = performance.now();
  for (let at = step; at < text.length + step; at += step) {
    const shown = text.slice(0, Math.min(at, text.length));
    const started = performance.now();
    flush(shown);
    void document.body.getBoundingClientRect().height; // the layout the flush causes
    flushes.push({ at: shown.length, ms: performance.now() - started });
    next += interval;
    await sleep(Math.max(0, next - performance.now()));
  }
  await sleep(100);
  observer.disconnect();
  return { flushes, longTasks };
}

const app = document.getElementById('app')!;
const baseline = document.getElementById('baseline')!;
const root = createRoot(app);

window.runRunnel = async (text, step, interval) => {
  const result = await stream(text, step, interval, (shown) =>
    flushSync(() => root.render(<MarkdownView text={shown} live={shown.length < text.length} />)),
  );
  flushSync(() => root.render(null));
  return result;
};

window.runBaseline = async (text, step, interval) => {
  const result = await stream(text, step, interval, (shown) => {
    // A throwaway page of our own text: the baseline is what a naive client does on every token.
    baseline.innerHTML = marked.parse(shown, { async: false });
  });
  baseline.textContent = '';
  return result;
};
