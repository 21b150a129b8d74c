// A deterministic markdown answer of a given size with what models write: headings, prose with
// inline code and links, lists, fenced code in several languages, tables and math.
const prose = [
  'The server streams tokens as soon as the model produces them, so the client must keep up.',
  'Use `maxTokens` to bound the answer and **watch the latency** of the first token.',
  'See [the guide](https://example.com/guide) for the details of *batching* and _caching_.',
  'In practice the throughput depends on the batch size, the quantization and the context length.',
];
const code = [
  '```ts\nexport function mean(values: number[]): number {\n  let sum = 0;\n  for (const v of values) sum += v;\n  return values.length ? sum / values.length : 0;\n}\n```',
  '```python\ndef softmax(xs):\n    m = max(xs)\n    exps = [math.exp(x - m) for x in xs]\n    s = sum(exps)\n    return [e / s for e in exps]\n```',
  '```bash\ncurl -N http://127.0.0.1:8000/v1/chat/completions \\\n  -H "content-type: application/json" \\\n  -d \'{"model":"m","stream":true}\'\n```',
];
const table =
  '| model | tokens/s | memory |\n|:--|--:|--:|\n| 7B q4 | 112.5 | 4.1 GB |\n| 13B q4 | 61.2 | 7.9 GB |\n| 70B q4 | 12.8 | 39 GB |';
const math = [
  'The loss is $L = -\\sum_i y_i \\log p_i$ and its gradient is $\\partial L / \\partial z_i = p_i - y_i$.',
  '$$\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$',
  'Attention scales by \\(\\sqrt{d_k}\\): \\[\\mathrm{Attention}(Q,K,V)=\\mathrm{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V\\]',
];

export function markdownAnswer(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const piece =
      i % 9 === 0
        ? `## Part ${i / 9 + 1}`
        : i % 9 === 3
          ? code[i % code.length]!
          : i % 9 === 5
            ? table
            : i % 9 === 7
              ? math[i % math.length]!
              : i % 9 === 8
                ? `- first point about ${i}\n- second point\n  - nested detail\n- [x] done item\n- [ ] open item`
                : `${prose[i % prose.length]} ${prose[(i + 1) % prose.length]}`;
    parts.push(piece);
    size += piece.length + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}
