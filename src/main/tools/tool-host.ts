// The tool loop's view of the MCP servers: the tools of the connected servers that the
// conversation chose, offered under unique wire names (given over all tools, so a choice never
// renames one), none to a model remembered to refuse tools; each call asked of the user through
// ToolApprovals unless allowed (per the server's setting), then run on its server with its time
// limit; a result's text and images become the tool's answer to the model.
import type { ChatError } from '../../shared/chat-error';
import { allTools, isToolOn } from '../../shared/tool-choice';
import type { ToolApprovals } from '../generation/tool-approvals';
import type { ToolAsk, ToolHost, ToolOffer, ToolResult, ToolTurn } from '../generation/tool-loop';
import { getToolChoice } from '../db/history/conversation-tools-repo';
import type { StoredToolCall } from '../db/history/tool-calls-repo';
import { refusesTools, rememberToolRefusal } from '../db/settings/model-tool-refusals-repo';
import type { Db } from '../db/db';
import { assignWireNames, defaultCallTimeoutMs, type McpServers } from './mcp';
import type { ToolServerStore } from './tool-server-store';
import { isObject, parseJson } from '../providers/json-fields';
import { argumentsOrEmpty } from '../providers/tool-calls';

const descriptionLimit = 2_000;

export interface ToolHostDeps {
  db: Db;
  servers: McpServers;
  store: ToolServerStore;
  approvals: ToolApprovals;
  /** A model's refusal was remembered (the composer's Tools popover says so). */
  changed(): void;
  now?: () => number;
}

const nothing: ToolOffer = { definitions: [], resolve: () => null };

export function createToolHost({ db, servers, store, approvals, changed, now = Date.now }: ToolHostDeps): ToolHost {
  return {
    async offer({ conversationId, backendId, model, choice: given }: ToolAsk): Promise<ToolOffer> {
      if (refusesTools(db, backendId, model)) return nothing;
      const all = servers.tools();
      const { names: allNames, byName } = assignWireNames(
        all.map((t) => ({ serverId: t.serverId, serverName: t.serverName, toolName: t.tool.name })),
      );
      const choice = given ?? (conversationId ? getToolChoice(db, conversationId) : allTools);
      const chosen = all.flatMap((t, i) =>
        isToolOn(choice, t.serverId, t.tool.name) ? [[allNames[i]!, t] as const] : [],
      );
      // A call of a tool not offered (unchecked, or made up) resolves to nothing: an error result, never run.
      const offered = new Map(chosen);
      return {
        definitions: chosen.map(([name, t]) => ({
          name,
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

    refused({ backendId, model }: ToolTurn, error: ChatError) {
      // Only a model's own refusal is remembered; a server started without tool calling is fixed by its flags.
      if (error.toolsRefused !== 'model') return;
      try {
        if (rememberToolRefusal(db, backendId, model, error.message, now())) changed();
      } catch (err) {
        console.error('[runnel] could not remember a model without tools:', err);
      }
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
