// The adapter contract: what the API means, independent of how bytes travel. An adapter turns a
// chat into a stream plan, and the stream's frames into chat events.
import type { BackendOptions } from '../../shared/backend-options';
import type { ChatError } from '../../shared/chat-error';
import type { BackendKind, GenerationParams, HttpMode, MessageRole, Usage } from '../../shared/domain';
import type { Frame, HttpRequestPlan, StreamPlan } from '../transports/types';

/** A tool result answers a call; the other roles are the stored messages' own. */
export type TurnRole = MessageRole | 'tool';

export interface ChatTurn {
  role: TurnRole;
  content: string;
  /** Images sent with this turn, in order; only kinds that take images (attachment-rules.ts) get any. */
  images?: TurnImage[];
  /** On an assistant turn: the tools it called (its content may be empty). */
  toolCalls?: ToolCall[];
  /**
   * On an assistant turn that called tools: what its provider asked to get back unchanged with the
   * calls (JSON text the kind's own decoder wrote, e.g. Anthropic's signed thinking); other kinds ignore it.
   */
  replay?: string;
  /** On a tool turn: the call it answers (its id and the tool's wire name), and whether the tool failed. */
  toolCallId?: string;
  toolName?: string;
  isError?: boolean;
}

/** A tool as offered to a model: a wire name unique in the request (`^[a-zA-Z0-9_-]{1,64}$`), what it does, its JSON Schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** An image as the wire carries it: base64 without a `data:` prefix (adapters add one where the API wants a URL). */
export interface TurnImage {
  mime: string;
  base64: string;
}

export interface ChatInput {
  model: string;
  messages: ChatTurn[];
  params: GenerationParams;
  /** Tools the model may call; absent or empty: none offered (and kinds that carry none ignore it). */
  tools?: ToolDefinition[];
  /** Ollama's num_ctx: the window the model is loaded with (its trained window, capped); other kinds ignore it. */
  numCtx?: number;
}

/** A backend as the wire needs it, secret included; built in main and never sent to the renderer. */
export interface BackendTarget {
  kind: BackendKind;
  baseUrl: string;
  apiKey: string | null;
  http: HttpMode;
  /** PEM trusted for this server on top of the system's CAs. */
  tlsCa?: string | null;
  /** Kind-specific settings (see src/shared/backend-options.ts). */
  options?: BackendOptions;
  /** The user's own headers for every request of this backend (values may be secrets). */
  headers?: Record<string, string>;
  /** This backend's timeouts, replacing the app's defaults. */
  connectTimeoutMs?: number | null;
  idleTimeoutMs?: number | null;
}

/** A tool call the model asked for, put together from its streamed pieces. */
export interface ToolCall {
  index: number;
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as streamed. */
  arguments: string;
}

export type ChatEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** Everything sent as text so far was reasoning (a stream that showed only `</think>`). */
  | { type: 'reasoning-reclassify' }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; reason: string }
  /**
   * Every tool call of the answer, complete; sent once, at the end of the stream. `replay`: what
   * must go back unchanged with the calls in the next request (ChatTurn.replay).
   */
  | { type: 'tool-calls'; calls: ToolCall[]; replay?: string }
  /** A piece of a call's arguments as it streams (`id` and `name` once known), for showing it grow. */
  | { type: 'tool-call-delta'; index: number; name: string; text: string }
  /** The server reported a failure in-band; the stream is over. */
  | { type: 'error'; error: ChatError }
  /**
   * A frame that could not be understood; skipped so later valid tokens are kept. With `toolCall`
   * it was a tool call written into the text (text-tool-calls.ts) that could not be read: nothing
   * was skipped, its text was shown as text.
   */
  | { type: 'malformed'; excerpt: string; toolCall?: true };

/** Per-stream decoding state: frames in, events out, then whatever the end implies. */
export interface FrameDecoder {
  push(frame: Frame): ChatEvent[];
  end(): ChatEvent[];
  /**
   * True once the answer is complete although the transport would go on (a WebSocket session, a
   * polled job): decoding stops there, and so does the stream.
   */
  finished?(): boolean;
}

/**
 * How a kind carries tools: in the API's own fields (`'api'`, the default when an adapter says
 * nothing), written into the prompt by the chat template with the calls read back from the text
 * (`'prompt'`), or not at all (`false`: the request goes out without them).
 */
export type ToolCarriage = 'api' | 'prompt' | false;

export interface ProviderAdapter {
  kind: BackendKind;
  /** How this kind carries tools; absent means `'api'` (read it through `toolCarriage`). */
  carriesTools?: ToolCarriage;
  plan(input: ChatInput, backend: BackendTarget): StreamPlan;
  /** `backend` carries the kind-specific options a decoder may need (websocket-json's frame paths). */
  createDecoder(backend?: BackendTarget): FrameDecoder;
  modelsRequest(backend: BackendTarget): HttpRequestPlan;
  parseModels(body: unknown): string[];
}

/** How `adapter` carries tools, its default applied. */
export const toolCarriage = (adapter: Pick<ProviderAdapter, 'carriesTools'>): ToolCarriage =>
  adapter.carriesTools ?? 'api';
