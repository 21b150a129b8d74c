// The MCP conformance suite's client under test: Runnel's MCP client module (McpConnection), driven
// as the suite expects. The suite runs `tsx tests/conformance/runnel-mcp-client.ts <server-url>`
// with MCP_CONFORMANCE_SCENARIO set, and judges what reached its scenario server.
import { McpConnection } from '../../src/main/tools/mcp';
import { playedScenarios } from './scenarios';

async function main(): Promise<number> {
  const url = process.argv.at(-1) ?? '';
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
  if (!(playedScenarios as readonly string[]).includes(scenario)) {
    console.error(`runnel-mcp-client: scenario "${scenario}" is not played`);
    return 2;
  }
  const connection = await McpConnection.open(
    { id: 'conformance', name: 'conformance', enabled: true, transport: { type: 'http', url, headers: {} } },
    { connectTimeoutMs: 10_000, clientInfo: { name: 'Runnel', version: '0.1.0' } },
  );
  try {
    console.log(`connected over ${connection.transportKind}, protocol ${connection.protocolVersion}`);
    console.log(
      `tools: ${
        connection
          .tools()
          .map((t) => t.name)
          .join(', ') || '(none)'
      }`,
    );
    if (scenario === 'tools_call') {
      const result = await connection.callTool('add_numbers', { a: 2, b: 3 });
      console.log(JSON.stringify(result));
      if (result.isError) return 1;
    }
    if (scenario === 'sse-retry') {
      const result = await connection.callTool('test_reconnection', {}, { timeoutMs: 10_000 });
      console.log(JSON.stringify(result));
    }
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
