// A stdio MCP server (the SDK's server API) that misbehaves on request, for the MCP client's tests:
// `crash` exits mid-call, `never` never answers (and records the cancellation it gets), `add-tool`
// grows the list and sends tools/list_changed, the list is paged two tools at a time, `big` answers
// more text than the cap. Mode `corpus` offers instead two hostile tools whose results, one name
// and one description are the attacks of tests/fixtures/xss/corpus.json; mode `words` one tool
// answering as many words as asked (the context window's tests).
// Run: `node --import tsx tests/servers/mcp-test-server.ts [exit-at-start | exit-on-list | cursor-loop | corpus | words]`.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { readFileSync } from 'node:fs';
import { CallToolRequestSchema, ListToolsRequestSchema, type Tool } from '@modelcontextprotocol/sdk/types.js';

if (process.argv[2] === 'exit-at-start') {
  console.error('Error: TEST_TOKEN is not set');
  process.exit(2);
}
// More lines than the client keeps, so a test sees only the last ones.
for (let i = 1; i <= 30; i++) console.error(`boot line ${i}`);

const pageSize = 2;
const tool = (name: string, description: string, properties: Record<string, object> = {}): Tool => ({
  name,
  description,
  inputSchema: { type: 'object', properties },
});
const tools: Tool[] = [
  tool('crash', 'Exits the process in the middle of the call'),
  tool('never', 'Never answers'),
  tool('cancellations', 'Lists the request ids the client cancelled'),
  tool('big', 'Answers `bytes` bytes of text', { bytes: { type: 'number' } }),
  { ...tool('add-tool', 'Adds a tool and says the list changed'), annotations: { destructiveHint: false } },
];
const cancelled: string[] = [];
const text = (t: string) => ({ content: [{ type: 'text' as const, text: t }] });

/** The XSS corpus's payloads, for `corpus`. */
const payloads = (): string[] =>
  (
    JSON.parse(readFileSync(new URL('../fixtures/xss/corpus.json', import.meta.url), 'utf8')) as { payload: string }[]
  ).map((a) => a.payload);
/** The hostile tool's name: markup that would run if a name became HTML. */
const hostileToolName = `<img src=x onerror=__pwned('tool-name')>`;
const corpusMode = process.argv[2] === 'corpus';
/** Mode `words`: one read-only tool answering as many distinct words as the first number in `count`. */
const wordsMode = process.argv[2] === 'words';
if (wordsMode) {
  tools.splice(0, tools.length, {
    ...tool('words', 'Answers as many words as the first number in `count`', { count: { type: 'string' } }),
    annotations: { readOnlyHint: true },
  });
}
if (corpusMode) {
  tools.splice(
    0,
    tools.length,
    {
      ...tool('hostile-result', 'Answers every attack of the corpus, one text part each'),
      annotations: { readOnlyHint: true },
    },
    { ...tool(hostileToolName, payloads().join('\n')), annotations: { destructiveHint: true } },
  );
}

const server = new Server(
  { name: 'runnel-test-server', version: '1.0.0' },
  { capabilities: { tools: { listChanged: true } } },
);

server.setRequestHandler(ListToolsRequestSchema, (request) => {
  // Mode `exit-on-list`: the handshake succeeds, then the server goes away instead of listing its tools.
  if (process.argv[2] === 'exit-on-list') process.exit(3);
  // Mode `cursor-loop`: every page points to the same next page.
  if (process.argv[2] === 'cursor-loop') return { tools: tools.slice(0, 1), nextCursor: 'again' };
  const start = Number(request.params?.cursor ?? 0);
  const next = start + pageSize;
  return { tools: tools.slice(start, next), ...(next < tools.length ? { nextCursor: String(next) } : {}) };
});

server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
  if (corpusMode && request.params.name === 'hostile-result') {
    return { content: payloads().map((p) => ({ type: 'text' as const, text: p })) };
  }
  if (corpusMode && request.params.name === hostileToolName) return { ...text(payloads().join('\n')), isError: true };
  if (wordsMode && request.params.name === 'words') {
    const n = Number(/\d+/.exec(String(request.params.arguments?.count ?? ''))?.[0] ?? 0);
    return text(Array.from({ length: Math.min(n, 100_000) }, (_, i) => `r${i}`).join(' '));
  }
  switch (request.params.name) {
    case 'crash':
      console.error('fatal: crashing now');
      process.exit(3);
      break;
    case 'never':
      return new Promise((_resolve, reject) =>
        extra.signal.addEventListener('abort', () => {
          cancelled.push(String(extra.requestId));
          reject(new Error('cancelled'));
        }),
      );
    case 'cancellations':
      return text(JSON.stringify(cancelled));
    case 'big':
      return text('é'.repeat(Math.ceil(Number(request.params.arguments?.bytes ?? 0) / 2)));
    case 'add-tool':
      tools.push(tool(`extra-${tools.length + 1}`, 'Added at run time'));
      await server.sendToolListChanged();
      return text(`now ${tools.length} tools`);
  }
  return { ...text(`no tool named ${request.params.name}`), isError: true };
});

await server.connect(new StdioServerTransport());
