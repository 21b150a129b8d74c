// Every backend kind's adapter, by kind.
import type { BackendKind } from '../../shared/domain';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import type { ProviderAdapter } from './types';

export const adapters: Record<BackendKind, ProviderAdapter> = {
  'openai-chat': openAiChatAdapter,
};
