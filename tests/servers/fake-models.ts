// The catalogue of fake models: the only knob tests and the UI have is the model name, so each
// name selects one wire behaviour of openai-chat-server.ts. /v1/models and the CLI list these.
import { OPENAI_TOOL_MODELS } from './openai-chat-tools';

export interface FakeModel {
  id: string;
  description: string;
}

export const FAKE_MODELS = [
  { id: 'fake-chat', description: '~40-token markdown echo of your last message, one token per chunk' },
  { id: 'fake-long', description: '~300-token markdown answer, 10 ms per token' },
  { id: 'fake-reasoning', description: 'llama.cpp style: reasoning_content deltas, then content, usage + timings' },
  { id: 'fake-endless', description: 'never finishes: one token every 50 ms until you stop it' },
  { id: 'fake-stall', description: 'sends headers, then nothing until you stop it' },
  { id: 'fake-stall-first-byte', description: 'accepts the request and never sends a byte, not even headers' },
  { id: 'fake-silence-midstream', description: '5 tokens, then nothing more until you stop it' },
  { id: 'fake-error-401', description: "HTTP 401: 'Incorrect API key provided.'" },
  { id: 'fake-error-500', description: 'HTTP 500: CUDA out of memory' },
  { id: 'fake-error-503', description: "HTTP 503: llama.cpp's 'Loading model'" },
  {
    id: 'fake-loading-then-ok',
    description: 'HTTP 503 + Retry-After: 1 the first time (model loading), then fake-chat',
  },
  { id: 'fake-error-404-model', description: "HTTP 404: vLLM's 'model does not exist'" },
  { id: 'fake-error-429', description: 'HTTP 429 with Retry-After: 1' },
  { id: 'fake-error-midstream', description: '5 tokens, then data: {"error": ...}, then [DONE]' },
  { id: 'fake-disconnect', description: '5 tokens, then the socket is destroyed mid-frame' },
  { id: 'fake-malformed', description: '3 tokens, a broken JSON frame, 2 more tokens, [DONE]' },
  { id: 'fake-utf8', description: 'Chinese, emoji and accents, every frame split inside UTF-8 characters' },
  { id: 'fake-vllm-capture', description: 'replays a recorded vLLM stream byte for byte' },
  { id: 'fake-llamacpp-capture', description: 'replays a recorded llama.cpp reasoning stream byte for byte' },
  {
    id: 'fake-think-tags',
    description: 'DeepSeek-R1 style: <think>…</think> inside the content, tags cut across chunks',
  },
  { id: 'fake-think-close-only', description: 'Qwen3 style: the thought, then a lone </think>, then the answer' },
  {
    id: 'fake-crlf-nospace',
    description: 'fake-chat framed with CRLF, "data:" without a space, keep-alives, no [DONE]',
  },
  ...OPENAI_TOOL_MODELS,
] as const satisfies readonly FakeModel[];

export type FakeModelId = (typeof FAKE_MODELS)[number]['id'];

export function isFakeModelId(id: string): id is FakeModelId {
  return FAKE_MODELS.some((m) => m.id === id);
}
