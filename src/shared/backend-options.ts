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
  ollama: [],
};

export type BackendOptions = Record<string, string>;
