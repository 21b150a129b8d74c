// The diagram benchmark's page: a markdown page of many ```mermaid blocks rendered by the app's own
// MarkdownView (drawn one at a time, each cleaned, see src/renderer/src/markdown/diagram-*.ts), and
// the same diagrams drawn as a naive client does: mermaid.render on every diagram in a row, its
// SVG string put in with innerHTML. Both report the long tasks they caused.
import mermaid from 'mermaid';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { MarkdownView } from '../../src/renderer/src/markdown/markdown-view';
import '../../src/renderer/src/styles/base.css';
import '../../src/renderer/src/styles/markdown.css';
import type { DrawResult } from './diagram-result';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(run: () => Promise<{ drawn: number; failed: number }>): Promise<DrawResult> {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const started = performance.now();
  const { drawn, failed } = await run();
  const totalMs = performance.now() - started;
  await sleep(100);
  observer.disconnect();
  const step = (name: string) =>
    Math.max(
      0,
      ...performance
        .getEntriesByType('measure')
        .filter((m) => m.name.endsWith(` ${name}`))
        .map((m) => m.duration),
    );
  const longestStep = { draw: step('draw'), clean: step('clean') };
  const draws = performance
    .getEntriesByType('measure')
    .filter((m) => m.name.endsWith(' draw'))
    .map((m) => m.duration);
  performance.clearMeasures();
  return { totalMs, drawn, failed, longTasks, longestStep, draws };
}

const root = createRoot(document.getElementById('app')!);
const baseline = document.getElementById('baseline')!;

window.runDiagrams = (sources) =>
  measure(async () => {
    const text = sources.map((s, i) => `Diagram ${i + 1}:\n\n\`\`\`mermaid\n${s}\n\`\`\`\n`).join('\n');
    flushSync(() => root.render(<MarkdownView text={text} />));
    for (;;) {
      const figures = [...document.querySelectorAll('#app figure.md-diagram')];
      if (figures.length === sources.length && figures.every((f) => !f.hasAttribute('aria-busy'))) {
        const drawn = figures.filter((f) => f.getAttribute('data-state') === 'drawn').length;
        flushSync(() => root.render(null));
        return { drawn, failed: figures.length - drawn };
      }
      await sleep(5);
    }
  });

let naiveId = 0;
window.runDiagramBaseline = (sources) =>
  measure(async () => {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false });
    let drawn = 0;
    for (const source of sources) {
      const div = document.createElement('div');
      baseline.append(div);
      try {
        div.innerHTML = (await mermaid.render(`naive-${++naiveId}`, source)).svg;
        drawn++;
      } catch {
        // counted as failed
      }
    }
    return { drawn, failed: sources.length - drawn };
  });
