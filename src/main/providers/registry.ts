// Every backend kind's adapter, by kind.
import type { BackendKind } from '../../shared/domain';
import { anthropicAdapter } from './anthropic/anthropic-adapter';
import { koboldCppAdapter } from './koboldcpp/koboldcpp-adapter';
import { ollamaAdapter } from './ollama/ollama-adapter';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import { openAiRealtimeAdapter } from './openai-realtime/openai-realtime-adapter';
import { openAiResponsesAdapter } from './openai-responses/openai-responses-adapter';
import { runPodAdapter } from './runpod/runpod-adapter';
import { tritonGrpcAdapter } from './triton-grpc/triton-grpc-adapter';
import type { ProviderAdapter } from './types';
import { webSocketJsonAdapter } from './websocket-json/websocket-json-adapter';

export const adapters: Record<BackendKind, ProviderAdapter> = {
  'openai-chat': openAiChatAdapter,
  'openai-responses': openAiResponsesAdapter,
  anthropic: anthropicAdapter,
  ollama: ollamaAdapter,
  'triton-grpc': tritonGrpcAdapter,
  'openai-realtime': openAiRealtimeAdapter,
  'websocket-json': webSocketJsonAdapter,
  koboldcpp: koboldCppAdapter,
  runpod: runPodAdapter,
};
