// A child process that streams a vLLM-style SSE answer of N tokens as fast as the socket takes
// it, so the benchmark measures the client and not a model. Prints its port on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const cache = new Map<number, Buffer>();

/** The text of token i; the benchmark rebuilds the whole answer from it to check what was stored. */
export const tokenText = (i: number): string => (i % 12 === 11 ? '\n' : ` tok${i % 97}`);

function body(tokens: number): Buffer {
  let cached = cache.get(tokens);
  if (cached) return cached;
  const parts: string[] = [];
  const head = '{"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1731295402,"model":"bench"';
  for (let i = 0; i < tokens; i++) {
    const text = JSON.stringify(tokenText(i)).slice(1, -1);
    parts.push(
      `data: ${head},"choices":[{"index":0,"delta":{"content":"${text}"},"logprobs":null,"finish_reason":null}],` +
        `"usage":{"prompt_tokens":12,"total_tokens":${12 + i + 1},"completion_tokens":${i + 1}}}\n\n`,
    );
  }
  parts.push(`data: ${head},"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`);
  cached = Buffer.from(parts.join(''));
  cache.set(tokens, cached);
  return cached;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    let tokens = Number(url.searchParams.get('tokens') ?? 0);
    let rate = 0;
    if (req.method === 'POST') {
      // The model names the answer: `tokens-N`, or `tokens-N-at-R` for N tokens paced at R per second.
      const parsed = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { model?: string };
      const named = /tokens-(\d+)(?:-at-(\d+))?/.exec(parsed.model ?? '');
      tokens = Number(named?.[1] ?? 1000);
      rate = Number(named?.[2] ?? 0);
    }
    const data = body(tokens);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // Network-sized writes, as a real server's socket would deliver them; paced, what the elapsed
    // time allows is written every 10 ms.
    const started = performance.now();
    const durationMs = rate > 0 ? (tokens / rate) * 1000 : 0;
    const allowed = () =>
      durationMs > 0
        ? Math.min(data.length, Math.ceil((data.length * (performance.now() - started)) / durationMs))
        : data.length;
    let offset = 0;
    const pump = () => {
      const until = allowed();
      while (offset < until) {
        const piece = data.subarray(offset, Math.min(until, offset + 16 * 1024));
        offset += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (offset < data.length) setTimeout(pump, 10);
      else res.end();
    };
    pump();
  });
});
if (process.argv[1] === fileURLToPath(import.meta.url))
  server.listen(0, '127.0.0.1', () => console.log(String((server.address() as AddressInfo).port)));
