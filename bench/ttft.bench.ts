// Bench 7: the time Runnel adds to the first token. A local OpenAI-compatible server stamps the
// moment it writes each answer's first token; the page stamps the moment that token's text is in
// the DOM (a MutationObserver, so no sampling delay). Both stamps are wall-clock milliseconds of
// the same machine (performance.timeOrigin + performance.now() on each side), so the difference
// is what the web host, the pipeline, IPC and React added. The baseline is the server's own stamp.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatChunk, wallNow } from '../tests/servers/chat-chunks';
import { openSession, percentile } from './browser-session';

export interface TtftResult {
  runs: number;
  addedMs: { p50: number; p95: number; max: number };
}

const chunk = (content: string | null, finish: string | null = null): string => chatChunk('ttft', content, finish);

/** Answers each chat request with a first token naming the request, stamped as it is written, and a short tail. */
function startStampingServer(stamps: Map<string, number>): Promise<{ server: Server; baseUrl: string }> {
  let n = 0;
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'ttft', object: 'model', owned_by: 'bench' }] }));
      return;
    }
    req.resume();
    req.on('end', () => {
      const mark = `firsttoken${++n}x`;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      // A server thinks before its first token; the client is idle meanwhile, as in real use.
      setTimeout(() => {
        res.write(chunk(mark));
        stamps.set(mark, wallNow());
        setTimeout(() => res.end(`${chunk(' and the rest.')}${chunk(null, 'stop')}data: [DONE]\n\n`), 20);
      }, 30);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` }),
    ),
  );
}

export async function runTtftBench(runs = 40): Promise<TtftResult> {
  const stamps = new Map<string, number>();
  const { server, baseUrl } = await startStampingServer(stamps);
  const dir = mkdtempSync(join(tmpdir(), 'runnel-bench-ttft-'));
  const session = await openSession(dir, [
    { name: 'Stamping server', kind: 'openai-chat', baseUrl, defaultModel: 'ttft' },
  ]);
  const added: number[] = [];
  try {
    const { page } = session;
    await page.goto(session.serve.openUrl);
    await page.getByRole('button', { name: 'New chat' }).waitFor();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.waitFor();
    // Every first token seen in an answer, with the moment it appeared.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __firstTokens: Record<string, number> }).__firstTokens = seen;
      new MutationObserver(() => {
        const now = performance.timeOrigin + performance.now();
        for (const article of document.querySelectorAll('article[data-role="assistant"]')) {
          const mark = /firsttoken\d+x/.exec(article.textContent ?? '')?.[0];
          if (mark && !(mark in seen)) seen[mark] = now;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    for (let i = 1; i <= runs; i++) {
      await composer.fill(`Question ${i}`);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page
        .locator('article[data-role="assistant"][data-status="done"]')
        .filter({ hasText: `firsttoken${i}x` })
        .waitFor();
    }
    const seen = await page.evaluate(
      () => (window as unknown as { __firstTokens: Record<string, number> }).__firstTokens,
    );
    for (const [mark, written] of stamps) {
      const shown = seen[mark];
      if (shown === undefined) throw new Error(`${mark} never appeared in the page`);
      added.push(shown - written);
    }
  } finally {
    await session.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    runs,
    addedMs: { p50: percentile(added, 50), p95: percentile(added, 95), max: Math.max(...added) },
  };
}
