// Versions: a new answer to the same question (regenerate), a new question on its own branch (edit),
// moving between siblings, and continuing a cut answer in place.
import type { Message } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import type { GenerationStarted } from '../../../shared/ipc/contract';
import { request } from '../api/api';
import { emptyMetrics } from './apply-generation-events';
import { failureNotice } from './chat-notice';
import type { ChatSession } from './chat-session';
import { markStarted, overlayLive } from './live-generations';

export interface ChatVersions {
  /**
   * A new version of an answer, written by the chosen model; `withoutTools` ("Send without tools",
   * after a server refused them): by the model that wrote it, offering no tools; `trim` ("Trim and
   * retry", after a length refusal): leaving out more of the oldest turns.
   */
  regenerate(answerId: MessageId, options?: { withoutTools?: boolean; trim?: boolean }): Promise<boolean>;
  /** A new version of a user message with `content` (a new branch) and an answer to it. */
  editMessage(messageId: MessageId, content: string): Promise<boolean>;
  /** Resumes a cut answer in place, by the model that wrote it. */
  continueAnswer(answerId: MessageId): Promise<boolean>;
  /** Shows the previous or next version of a message; the rest of the conversation follows it. */
  selectVersion(messageId: MessageId, direction: 'previous' | 'next'): Promise<void>;
}

/**
 * The shown branch once a new version of `replaced` was started: the messages above it, then the
 * new rows, each new version counted after the existing ones. Null when `replaced` is not shown.
 */
export function branchWithNewVersion(
  messages: readonly Message[],
  replaced: MessageId,
  rows: readonly Message[],
): Message[] | null {
  const index = messages.findIndex((m) => m.id === replaced);
  const old = messages[index];
  if (!old) return null;
  const count = (old.versions?.count ?? 1) + 1;
  const [first, ...rest] = rows;
  if (!first) return null;
  return [
    ...messages.slice(0, index),
    { ...first, versions: { index: count - 1, count } },
    ...rest.map((m) => ({ ...m, versions: { index: 0, count: 1 } })),
  ];
}

export function createChatVersions({ set, get, seq, show, fail, chosen }: ChatSession): ChatVersions {
  const newRow = (over: Partial<Message> & Pick<Message, 'id' | 'role' | 'content' | 'status'>): Message => {
    const now = Date.now();
    return {
      conversationId: get().openId ?? ('' as ConversationId),
      parentId: null,
      reasoning: '',
      error: null,
      backendId: get().choice?.backendId ?? null,
      model: get().choice?.model ?? null,
      params: {},
      metrics: emptyMetrics,
      createdAt: now,
      updatedAt: now,
      ...over,
    };
  };

  /**
   * After main stored a new version and its answer: this window saw the answer begin, and the
   * shown branch becomes the new one (unless a reload already brought it, or the user moved on).
   * A load sent before main answered shows the old branch, so it is dropped.
   */
  const adoptVersion = (view: number, started: GenerationStarted, rows: (messages: Message[]) => Message[] | null) => {
    ++seq.load;
    set((state) => {
      const live = markStarted(state.live, started.conversationId, started.assistantMessageId);
      if (view !== seq.view || state.openId !== started.conversationId) return { live };
      if (state.messages.some((m) => m.id === started.assistantMessageId)) {
        return { live, messages: overlayLive(state.messages, live) };
      }
      const next = rows(state.messages);
      return next ? { live, messages: overlayLive(next, live), notice: null } : { live };
    });
    // Main announces the change too; the reload that follows brings the stored rows.
  };

  return {
    async regenerate(answerId, { withoutTools = false, trim = false } = {}) {
      const old = get().messages.find((m) => m.id === answerId);
      const own =
        withoutTools && old?.backendId && old.model && get().backends.some((b) => b.id === old.backendId)
          ? { backendId: old.backendId, model: old.model }
          : null;
      const choice = own ?? chosen();
      if (!choice) return false;
      const view = seq.view;
      let started: GenerationStarted;
      try {
        started = await request('generation:regenerate', {
          messageId: answerId,
          backendId: choice.backendId,
          model: choice.model,
          ...(withoutTools ? { withoutTools } : {}),
          ...(trim ? { trim: true } : {}),
        });
      } catch (err) {
        fail(err);
        return false;
      }
      const answer = newRow({
        id: started.assistantMessageId,
        parentId: started.userMessageId,
        role: 'assistant',
        content: '',
        status: 'streaming',
        backendId: choice.backendId,
        model: choice.model,
      });
      adoptVersion(view, started, (messages) => branchWithNewVersion(messages, answerId, [answer]));
      return true;
    },

    async editMessage(messageId, content) {
      const choice = chosen();
      if (!choice) return false;
      const view = seq.view;
      const parentId = get().messages.find((m) => m.id === messageId)?.parentId ?? null;
      let started: GenerationStarted;
      try {
        started = await request('generation:edit', {
          messageId,
          content,
          backendId: choice.backendId,
          model: choice.model,
        });
      } catch (err) {
        fail(err);
        return false;
      }
      const rows = [
        newRow({ id: started.userMessageId, parentId, role: 'user', content, status: 'done' }),
        newRow({
          id: started.assistantMessageId,
          parentId: started.userMessageId,
          role: 'assistant',
          content: '',
          status: 'streaming',
        }),
      ];
      adoptVersion(view, started, (messages) => branchWithNewVersion(messages, messageId, rows));
      return true;
    },

    async continueAnswer(answerId) {
      const before = get().messages.find((m) => m.id === answerId);
      if (!before) return false;
      // Streaming again from its own text at once; an ended record of its earlier run must not
      // hold the new deltas back (a finished record ignores further events).
      set((state) => {
        const { [answerId]: _ended, ...live } = state.live;
        return {
          live,
          notice: null,
          messages: state.messages.map((m) => (m.id === answerId ? { ...m, status: 'streaming', error: null } : m)),
        };
      });
      try {
        await request('generation:continue', { messageId: answerId });
      } catch (err) {
        set((state) => ({
          notice: failureNotice(err),
          messages: state.messages.map((m) =>
            m.id === answerId && !state.live[answerId] ? { ...m, status: before.status, error: before.error } : m,
          ),
        }));
        return false;
      }
      set((state) => {
        if (state.live[answerId]) {
          // The resume event came first: its record holds the whole text already.
          return { live: markStarted(state.live, before.conversationId, answerId) };
        }
        const shown = state.messages.find((m) => m.id === answerId) ?? before;
        const started = markStarted(state.live, before.conversationId, answerId);
        const record = started[answerId];
        if (!record) return { live: started };
        return {
          live: { ...started, [answerId]: { ...record, content: shown.content, reasoning: shown.reasoning } },
        };
      });
      return true;
    },

    async selectVersion(messageId, direction) {
      const { openId } = get();
      if (!openId) return;
      const mine = ++seq.load;
      try {
        const detail = await request('conversations:select-version', { id: openId, messageId, direction });
        if (mine === seq.load && get().openId === openId) show(detail);
      } catch (err) {
        if (mine === seq.load) fail(err);
      }
    },
  };
}
