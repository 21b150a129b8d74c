// Every backend kind's adapter, by kind.
import type { BackendKind } from '../../shared/domain';
import { anthropicAdapter } from './anthropic/anthropic-adapter';
import { ollamaAdapter } from './ollama/ollama-adapter';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import { openAiResponsesAdapter } from './openai-responses/openai-responses-adapter';
import type { ProviderAdapter } from './types';

export const adapters: Record<BackendKind, ProviderAdapter> = {
  'openai-chat': openAiChatAdapter,
  'openai-responses': openAiResponsesAdapter,
  anthropic: anthropicAdapter,
  ollama: ollamaAdapter,
};
