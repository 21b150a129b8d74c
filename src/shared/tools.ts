// Tools a model may call (through MCP servers), as stored and shown: each call of an answer, where
// it stands in the answer's text, its approval and its result. Names, descriptions, arguments and
// results come from models and servers: untrusted text, shown as text only.
import type { AttachmentMeta } from './domain';
import type { MessageId } from './ids';
import type { Said } from './words/define-words';

export const toolCallStatuses = ['awaiting-approval', 'running', 'done', 'error', 'denied', 'cancelled'] as const;
export type ToolCallStatus = (typeof toolCallStatuses)[number];

/** The user's answer to a call that asks: this call only, every call of this tool in this conversation, always, or no. */
export const toolDecisions = ['allow-once', 'allow-conversation', 'allow-always', 'deny'] as const;
export type ToolDecision = (typeof toolDecisions)[number];

export interface ToolCallRecord {
  /** Runnel's own id of the call. */
  id: string;
  /** The answer row of the turn that made it. */
  messageId: MessageId;
  /** Which request of the turn made it, from 0. */
  round: number;
  /** Where the call stands in the answer: how many characters of its content come before it. */
  position: number;
  /** Order among the calls of its round. */
  index: number;
  /** The MCP server (null when it is no longer configured) and its name as it was then. */
  serverId: string | null;
  serverName: string;
  /** The tool's own name, and what its server said of it (untrusted). */
  toolName: string;
  description: string;
  /** The server's hints: the tool only reads, or it may destroy something. */
  readOnly: boolean;
  destructive: boolean;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
  status: ToolCallStatus;
  /** The result's text (images are noted in it), capped; '' until there is one. */
  result: string;
  resultTruncated: boolean;
  /** Images the tool returned (stored like attachments, fetched by id); absent when none. */
  images?: AttachmentMeta[];
  startedAt: number | null;
  endedAt: number | null;
}

/**
 * A call the model is still writing (from `tool-call-args` events), shown with the status
 * `streaming` and its arguments growing until the stored call replaces it; never stored itself.
 */
export interface WritingToolCall {
  /** Its place among the calls of the request being streamed. */
  index: number;
  toolName: string;
  /** The arguments so far (JSON text, unfinished). */
  arguments: string;
  /** Characters of the answer's content before it. */
  position: number;
}

/** The status a call shows while the model still writes its arguments, before any stored status. */
export const writingStatus = 'streaming';

/** An MCP server's state, as Settings → Tools shows it. */
export type ToolServerStatus =
  | { state: 'connecting' }
  | { state: 'connected'; toolCount: number }
  | { state: 'failed'; reason: string; said?: Said; stderrTail: string[]; retryInMs: number }
  | { state: 'stopped' };

/** What the renderer may know of a tool (the server's words: untrusted text). */
export interface ToolView {
  name: string;
  description: string;
  readOnly: boolean;
  destructive: boolean;
}

/** An MCP server in settings: env and header values never leave main, only their names. */
export interface ToolServerView {
  id: string;
  name: string;
  enabled: boolean;
  transport: 'stdio' | 'http';
  command: string | null;
  args: string[];
  cwd: string | null;
  url: string | null;
  envNames: string[];
  headerNames: string[];
  callTimeoutMs: number | null;
  approval: 'ask' | 'allow-all';
  status: ToolServerStatus;
  tools: ToolView[];
}
