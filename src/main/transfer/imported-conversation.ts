// The shape every importer produces and the writer stores: one conversation with its whole
// message tree, parents before children, ids already final (kept from a Runnel file, derived from
// a ChatGPT one).
import type { ChatError } from '../../shared/chat-error';
import type { GenerationParams, MessageMetrics, MessageRole, MessageStatus } from '../../shared/domain';

export interface ImportedAttachment {
  id: string;
  kind: 'image' | 'text';
  name: string;
  mime: string;
  data: Buffer;
  createdAt: number;
}

export interface ImportedMessage {
  id: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  reasoning: string;
  /** Never `streaming`: nothing is generating an imported message. */
  status: Exclude<MessageStatus, 'streaming'>;
  error: ChatError | null;
  backendId: string | null;
  model: string | null;
  params: GenerationParams;
  metrics: MessageMetrics;
  createdAt: number;
  updatedAt: number;
  /** When the message last became the shown leaf (versions remember the branch below them). */
  activeAt: number | null;
  /** How long the model thought, in ms, when measured. */
  reasoningMs: number | null;
  attachments: ImportedAttachment[];
}

export interface ImportedConversation {
  id: string;
  title: string;
  backendId: string | null;
  model: string | null;
  pinned: boolean;
  systemPrompt: string;
  params: GenerationParams;
  createdAt: number;
  updatedAt: number;
  /** The branch shown; null picks the newest leaf. */
  activeLeafId: string | null;
  messages: ImportedMessage[];
}

export const noMetrics: MessageMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
};
