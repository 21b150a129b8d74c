// The tool loop's view of the MCP servers: the tools of every connected server offered under
// unique wire names, each call asked of the user through ToolApprovals unless allowed (per the
// server's setting), then run on its server with its time limit; a result's text and images
// become the tool's answer to the model.
import type { ConversationId } from '../../shared/ids';
import type { ToolApprovals } from '../generation/tool-approvals';
import type { ToolHost, ToolOffer, ToolResult } from '../generation/tool-loop';
import type { StoredToolCall } from '../db/history/tool-calls-repo';
import { assignWireNames, defaultCallTimeoutMs, type McpServers } from './mcp';
import type { ToolServerStore } from './tool-server-store';
import { isObject, parseJson } from '../providers/json-fields';
import { argumentsOrEmpty } from '../providers/tool-calls';

const descriptionLimit = 2_000;

export function createToolHost(servers: McpServers, store: ToolServerStore, approvals: ToolApprovals): ToolHost {
  return {
    async offer(_conversationId: ConversationId): Promise<ToolOffer> {
      const tools = servers.tools();
      const { names, byName } = assignWireNames(
        tools.map((t) => ({ serverId: t.serverId, serverName: t.serverName, toolName: t.tool.name })),
      );
      const offered = new Map(tools.map((t, i) => [names[i]!, t]));
      return {
        definitions: tools.map((t, i) => ({
          name: names[i]!,
          description: (t.tool.description ?? t.tool.title ?? '').slice(0, descriptionLimit),
          parameters: (t.tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
        })),
        resolve(wireName) {
          const ref = byName.get(wireName);
          const tool = offered.get(wireName);
          if (!ref || !tool) return null;
          return {
            serverId: ref.serverId,
            serverName: ref.serverName,
            toolName: ref.toolName,
            description: (tool.tool.description ?? '').slice(0, descriptionLimit),
            readOnly: tool.tool.annotations?.readOnlyHint === true,
            destructive: tool.tool.annotations?.destructiveHint === true,
          };
        },
      };
    },

    mustAsk(call, conversationId) {
      const server = call.serverId ? safeStored(store, call.serverId) : null;
      return approvals.mustAsk(call, conversationId, server?.approval ?? 'ask');
    },

    approve(call, conversationId, signal) {
      const server = call.serverId ? safeStored(store, call.serverId) : null;
      return approvals.approve(call, conversationId, server?.approval ?? 'ask', signal);
    },

    async run(call: StoredToolCall, signal: AbortSignal): Promise<ToolResult> {
      if (!call.serverId) throw new Error(`No server offers the tool ${call.toolName}`);
      const args = parseArguments(call.arguments);
      const server = safeStored(store, call.serverId);
      const result = await servers.call(call.serverId, call.toolName, args, {
        signal,
        timeoutMs: server?.callTimeoutMs ?? defaultCallTimeoutMs,
      });
      const text = result.content.map((c) => (c.type === 'text' ? c.text : `[Image (${c.mimeType})]`)).join('\n');
      const images = result.content.flatMap((c) => (c.type === 'image' ? [{ mime: c.mimeType, base64: c.data }] : []));
      return { text, truncated: result.truncated, isError: result.isError, images };
    },
  };
}

function safeStored(store: ToolServerStore, id: string) {
  try {
    return store.stored(id);
  } catch {
    return null;
  }
}

/** The model's arguments as an object (empty text is `{}`); anything else is not run. */
export function parseArguments(text: string): Record<string, unknown> {
  const value = parseJson(argumentsOrEmpty(text));
  if (!isObject(value))
    throw new Error('The model wrote arguments that are not a JSON object, so the tool was not run.');
  return value;
}
