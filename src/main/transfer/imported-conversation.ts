// The shape every importer produces and the writer stores: one conversation with its whole
// message tree (answers with their tool calls), parents before children, ids already final (kept
// from a Runnel file, derived from a ChatGPT one). Its rows are the database's own (db/ says which
// fields a row stores).
import type { MessageStatus } from '../../shared/domain';
import type { AttachmentFile } from '../db/history/attachments-repo';
import type { StoredConversation } from '../db/history/conversations-repo';
import type { StoredMessage } from '../db/history/message-row';
import type { ToolCallRow } from '../db/history/tool-calls-repo';

export type ImportedAttachment = AttachmentFile;

export interface ImportedMessage extends Omit<StoredMessage, 'conversationId' | 'status'> {
  /** Never `streaming`: nothing is generating an imported message. */
  status: Exclude<MessageStatus, 'streaming'>;
  attachments: ImportedAttachment[];
  /** An answer's tool calls, each under this message's id; absent or empty when it made none. */
  toolCalls?: ToolCallRow[];
}

export interface ImportedConversation extends StoredConversation {
  messages: ImportedMessage[];
}
