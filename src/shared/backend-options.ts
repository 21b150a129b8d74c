// Settings only some backend kinds need (a chat template for prompt-only APIs, the frame mapping
// of a custom WebSocket gateway), described once so the settings form, the validation in main
// and the adapters agree on their names.
import type { BackendKind } from './domain';

export interface BackendOptionField {
  key: string;
  label: string;
  placeholder: string;
  multiline?: boolean;
}

/** The extra fields each kind shows in settings; adapters read them from `BackendTarget.options`. */
export const backendOptionFields: Record<BackendKind, readonly BackendOptionField[]> = {
  'openai-chat': [],
  'openai-responses': [],
  anthropic: [],
  // The num_ctx Runnel sends is the model's trained window capped by this (memory grows with it).
  ollama: [{ key: 'numCtxMax', label: 'Largest context window to load (num_ctx), tokens', placeholder: '8192' }],
  'openai-realtime': [],
  // Paths: dots between keys, numbers index arrays (`choices.0.delta.content`); `path=value`
  // matches a frame whose field equals value (`type=done`). See websocket-json-adapter.ts.
  'websocket-json': [
    {
      key: 'requestTemplate',
      label: 'Request template (JSON)',
      placeholder: '{"model": "{{model}}", "messages": {{messages}}, "prompt": "{{prompt}}"}',
      multiline: true,
    },
    { key: 'deltaPath', label: 'Text delta path', placeholder: 'delta  (e.g. choices.0.delta.content)' },
    { key: 'reasoningPath', label: 'Reasoning delta path (optional)', placeholder: 'choices.0.delta.reasoning' },
    { key: 'donePath', label: 'Done when', placeholder: 'done  (e.g. type=done)' },
    { key: 'errorPath', label: 'Error when', placeholder: 'error  (e.g. type=error)' },
    { key: 'modelsUrl', label: 'Models URL (optional)', placeholder: 'http://gateway:8080/v1/models' },
  ],
  // The prompt comes from a chat template (src/main/providers/prompt): a preset name or
  // the model's own Jinja template; polling is used only where the SSE route is missing.
  koboldcpp: [
    {
      key: 'chatTemplate',
      label: 'Chat template (chatml, llama3, mistral, gemma, or Jinja)',
      placeholder: 'chatml',
      multiline: true,
    },
    { key: 'pollIntervalMs', label: 'Poll interval in ms (servers without streaming)', placeholder: '300' },
  ],
  // Prompt-only like KoboldCpp; which Triton backend serves the model decides the input tensors.
  'triton-grpc': [
    {
      key: 'chatTemplate',
      label: 'Chat template (chatml, llama3, mistral, gemma, or Jinja)',
      placeholder: 'chatml',
      multiline: true,
    },
    { key: 'tritonBackend', label: 'Triton backend (vllm or tensorrtllm)', placeholder: 'vllm' },
  ],
  runpod: [{ key: 'pollIntervalMs', label: 'Poll interval in ms', placeholder: '500' }],
};

export type BackendOptions = Record<string, string>;
