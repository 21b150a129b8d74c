// A server's tools as Runnel keeps them, read through every page of `tools/list`.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { toolWords } from '../../../shared/words/tool-words';
import { McpConnectError } from './errors';

/** What the server says of a tool: untrusted text, to be shown as text and never obeyed. */
export interface McpTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Tool['inputSchema'];
  outputSchema?: Tool['outputSchema'];
  /** Hints (readOnlyHint, destructiveHint, idempotentHint, openWorldHint); a server may lie. */
  annotations?: Tool['annotations'];
}

/** A server that keeps answering with cursors is cut off here. */
const maxPages = 100;

function toMcpTool(tool: Tool): McpTool {
  const title = tool.title ?? tool.annotations?.title;
  return {
    name: tool.name,
    ...(title !== undefined ? { title } : {}),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
    ...(tool.annotations ? { annotations: tool.annotations } : {}),
  };
}

/** Follows nextCursor to the end; a repeated cursor or too many pages is an error, not a loop. */
export async function listAllTools(client: Client, options: RequestOptions): Promise<McpTool[]> {
  const tools: McpTool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await client.listTools(cursor === undefined ? undefined : { cursor }, options);
    tools.push(...result.tools.map(toMcpTool));
    cursor = result.nextCursor;
    if (cursor === undefined) return tools;
    if (seen.has(cursor)) throw new McpConnectError(toolWords.say('listCursorTwice'), []);
    seen.add(cursor);
  }
  throw new McpConnectError(toolWords.say('listTooManyPages', { pages: maxPages }), []);
}
