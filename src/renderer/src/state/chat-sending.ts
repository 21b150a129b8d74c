// Sending a message (its files uploaded first, then the generation started and its rows shown at
// once) and stopping the answer that streams.
import type { AttachmentMeta, Message } from '../../../shared/domain';
import type { MessageId } from '../../../shared/ids';
import { request } from '../api/api';
import { primeAttachment } from '../api/attachment-blobs';
import { uploadAttachments, type OutgoingAttachment } from '../api/upload-attachments';
import { emptyMetrics } from './apply-generation-events';
import type { ChatSession } from './chat-session';
import { markStarted, overlayLive } from './live-generations';
import { emptySettings } from './presets-slice';
import { allTools } from '../../../shared/tool-choice';

export interface ChatSending {
  /** Uploads the files first (main checks them), then starts the generation; false when refused. */
  send(content: string, attachments?: readonly OutgoingAttachment[]): Promise<boolean>;
  stop(): Promise<void>;
}

/** The assistant message the Stop button and Esc act on. */
export function streamingAnswer(messages: readonly Message[]): Message | null {
  const last = messages.findLast((m) => m.role === 'assistant');
  return last?.status === 'streaming' ? last : null;
}

export function createChatSending({ set, get, seq, fail, chosen }: ChatSession): ChatSending {
  return {
    async send(content, attachments = []) {
      const choice = chosen();
      if (!choice) return false;
      const { openId, draftSettings, draftTools } = get();
      const view = seq.view;
      let started;
      let files: AttachmentMeta[] = [];
      try {
        files = await uploadAttachments(attachments);
        started = await request('generation:start', {
          conversationId: openId,
          backendId: choice.backendId,
          model: choice.model,
          content,
          ...(files.length ? { attachments: files.map((f) => f.id) } : {}),
          // A new conversation starts with the settings chosen for it (a preset, or the panel).
          ...(openId === null ? { settings: draftSettings } : {}),
          // …and offers the tools chosen for it (none chosen: all of them).
          ...(openId === null && draftTools.length ? { tools: [...draftTools] } : {}),
        });
        // The thumbnails of the new message show from the bytes already here.
        files.forEach((f, i) => primeAttachment(f.id, attachments[i]!.blob));
      } catch (err) {
        fail(err);
        return false;
      }
      set((state) => {
        const live = markStarted(state.live, started.conversationId, started.assistantMessageId);
        // The user moved elsewhere meanwhile: the new messages show when they come back.
        if (view !== seq.view) return { live };
        const now = Date.now();
        const base = {
          conversationId: started.conversationId,
          reasoning: '',
          error: null,
          backendId: choice.backendId,
          model: choice.model,
          params: {},
          metrics: emptyMetrics,
          createdAt: now,
          updatedAt: now,
        };
        // A reload triggered by `conversations:changed` may already have brought these rows.
        const known = new Set<MessageId>(state.messages.map((m) => m.id));
        const added: Message[] = [];
        if (!known.has(started.userMessageId)) {
          const parentId = state.messages.at(-1)?.id ?? null;
          added.push({
            ...base,
            id: started.userMessageId,
            parentId,
            role: 'user',
            content,
            status: 'done',
            ...(files.length ? { attachments: files } : {}),
          });
        }
        if (!known.has(started.assistantMessageId)) {
          added.push({
            ...base,
            id: started.assistantMessageId,
            parentId: started.userMessageId,
            role: 'assistant',
            content: '',
            status: 'streaming',
          });
        }
        return {
          live,
          openId: started.conversationId,
          messages: overlayLive([...state.messages, ...added], live),
          notice: null,
          ...(openId === null ? { draftSettings: emptySettings, draftPresetId: null, draftTools: allTools } : {}),
        };
      });
      return true;
    },

    async stop() {
      const answer = streamingAnswer(get().messages);
      if (!answer) return;
      try {
        await request('generation:cancel', { messageId: answer.id });
      } catch (err) {
        fail(err);
      }
    },
  };
}
