// A stdio MCP server (the SDK's server API) that misbehaves on request, for the MCP client's tests:
// `crash` exits mid-call, `never` never answers (and records the cancellation it gets), `add-tool`
// grows the list and sends tools/list_changed, the list is paged two tools at a time, `big` answers
// more text than the cap. Run: `node --import tsx tests/servers/mcp-test-server.ts [exit-at-start]`.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
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

const server = new Server(
  { name: 'runnel-test-server', version: '1.0.0' },
  { capabilities: { tools: { listChanged: true } } },
);

server.setRequestHandler(ListToolsRequestSchema, (request) => {
  const start = Number(request.params?.cursor ?? 0);
  const next = start + pageSize;
  return { tools: tools.slice(start, next), ...(next < tools.length ? { nextCursor: String(next) } : {}) };
});

server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
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
