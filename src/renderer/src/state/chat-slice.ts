// The open conversation (its shown branch), sending, stopping, versions (edit, regenerate, moving
// between siblings), continuing a cut answer, and the streaming text of every generation this
// window has seen. Events arrive batched per frame through `applyPayloads`.
import { toChatError } from '../../../shared/chat-error';
import type {
  AttachmentMeta,
  ConversationDetail,
  GenerationEvent,
  GenerationEventPayload,
  Message,
} from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import type { GenerationStarted } from '../../../shared/ipc/contract';
import { request } from '../api/api';
import { primeAttachment } from '../api/attachment-blobs';
import { uploadAttachments, type OutgoingAttachment } from '../api/upload-attachments';
import type { SliceCreator } from './app-state';
import { failureNotice, type ChatNotice } from './chat-notice';
import { applyGenerationEvents, emptyMetrics } from './apply-generation-events';
import { applyToLive, markAllIncomplete, markStarted, overlayLive, type LiveGenerations } from './live-generations';
import { emptySettings } from './presets-slice';

export interface ChatSlice {
  openId: ConversationId | null;
  messages: Message[];
  loadingConversation: boolean;
  /** The newest messages are shown and the rest of the branch is still on its way. */
  loadingEarlier: boolean;
  live: LiveGenerations;
  /** A failure the user should see near the composer (a send refused, a load failed). */
  notice: ChatNotice | null;
  /** A message the list should scroll to once shown (a search hit); cleared by the list when done. */
  focusMessageId: MessageId | null;
  /** Opens a conversation; with `focus`, on the branch through that message (which becomes the shown one). */
  openConversation(id: ConversationId, focus?: MessageId): Promise<void>;
  clearFocus(): void;
  /** Reloads the open conversation; unless forced, not while a stream only the events know is running. */
  reloadOpen(force: boolean): Promise<void>;
  newChat(): void;
  /** Uploads the files first (main checks them), then starts the generation; false when refused. */
  send(content: string, attachments?: readonly OutgoingAttachment[]): Promise<boolean>;
  stop(): Promise<void>;
  /** A new version of an answer, written by the chosen model. */
  regenerate(answerId: MessageId): Promise<boolean>;
  /** A new version of a user message with `content` (a new branch) and an answer to it. */
  editMessage(messageId: MessageId, content: string): Promise<boolean>;
  /** Resumes a cut answer in place, by the model that wrote it. */
  continueAnswer(answerId: MessageId): Promise<boolean>;
  /** Shows the previous or next version of a message; the rest of the conversation follows it. */
  selectVersion(messageId: MessageId, direction: 'previous' | 'next'): Promise<void>;
  applyPayloads(payloads: readonly GenerationEventPayload[]): void;
  /** The socket dropped: events were missed, so stored rows win over live records from now on. */
  forgetLiveCompleteness(): void;
  setNotice(notice: ChatNotice | null): void;
}

/** The assistant message the Stop button and Esc act on. */
export function streamingAnswer(messages: readonly Message[]): Message | null {
  const last = messages.findLast((m) => m.role === 'assistant');
  return last?.status === 'streaming' ? last : null;
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

/**
 * Folds payloads into the live records and the shown messages. A `resume` event (a continued
 * answer) restarts its message from the stored text it carries, even where an older record of
 * that message had already ended; the events after it add to that text as usual.
 */
export function foldPayloads(
  state: { live: LiveGenerations; messages: Message[]; openId: ConversationId | null },
  payloads: readonly GenerationEventPayload[],
): { live: LiveGenerations; messages: Message[] } {
  let { live, messages } = state;
  const apply = (payload: GenerationEventPayload, events: GenerationEvent[]) => {
    if (!events.length) return;
    const part = { ...payload, events };
    live = applyToLive(live, part);
    if (payload.conversationId === state.openId) messages = applyGenerationEvents(messages, part);
  };
  for (const payload of payloads) {
    let from = 0;
    payload.events.forEach((event, i) => {
      if (event.type !== 'resume') return;
      apply(payload, payload.events.slice(from, i));
      from = i + 1;
      const fields = { content: event.content, reasoning: event.reasoning, status: 'streaming' as const, error: null };
      live = {
        ...live,
        [payload.messageId]: {
          conversationId: payload.conversationId,
          messageId: payload.messageId,
          metrics: emptyMetrics,
          ...fields,
          // The snapshot is the whole text so far: every later delta builds on it.
          complete: true,
        },
      };
      if (payload.conversationId === state.openId) {
        messages = messages.map((m) => (m.id === payload.messageId ? { ...m, ...fields } : m));
      }
    });
    apply(payload, payload.events.slice(from));
  }
  return { live, messages };
}

/** How many of its newest messages a conversation shows before the rest has arrived: more than a tall window holds. */
export const OPEN_TAIL = 40;

export const createChatSlice: SliceCreator<ChatSlice> = (set, get) => {
  // Bumped when the user moves to another conversation: a send answered later must not land there.
  let viewSeq = 0;
  // Bumped by every load of the open conversation (and by moving), so only the newest answer lands.
  let loadSeq = 0;

  const notice = (err: unknown): void => set({ notice: failureNotice(err) });

  const show = (detail: ConversationDetail): void =>
    set((state) => ({
      messages: overlayLive(detail.messages, state.live),
      loadingConversation: false,
      loadingEarlier: detail.earlier,
    }));

  const load = async (id: ConversationId, adopt: boolean, through?: MessageId): Promise<void> => {
    const mine = ++loadSeq;
    try {
      // Opening shows the newest messages first, then the whole branch: a conversation of
      // thousands paints as fast as a short one. (A search hit needs its branch in full.)
      const opening = adopt && !through;
      const detail = await request(
        'conversations:get',
        through ? { id, through } : opening ? { id, tail: OPEN_TAIL } : { id },
      );
      if (mine !== loadSeq) return;
      show(detail);
      if (adopt) adoptModel(detail.conversation.backendId, detail.conversation.model);
      if (detail.earlier) {
        const whole = await request('conversations:get', { id });
        if (mine === loadSeq) show(whole);
      }
    } catch (err) {
      if (mine !== loadSeq) return;
      // The message to open it at is gone (deleted with its branch): open the conversation as it is.
      if (through && toChatError(err).code === 'not_found') return load(id, adopt);
      set({ loadingConversation: false, loadingEarlier: false, notice: failureNotice(err) });
    }
  };

  // Continuing a conversation defaults to the model it was having, when that backend still exists.
  const adoptModel = (backendId: string | null, model: string | null): void => {
    const backend = get().backends.find((b) => b.id === backendId);
    if (!backend || !model) return;
    const current = get().choice;
    if (current?.backendId === backend.id && current.model === model) return;
    get().selectModel({ backendId: backend.id, model });
  };

  const chosen = () => {
    const { choice } = get();
    if (!choice) set({ notice: { kind: 'choose-model' } });
    return choice;
  };

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
    ++loadSeq;
    set((state) => {
      const live = markStarted(state.live, started.conversationId, started.assistantMessageId);
      if (view !== viewSeq || state.openId !== started.conversationId) return { live };
      if (state.messages.some((m) => m.id === started.assistantMessageId)) {
        return { live, messages: overlayLive(state.messages, live) };
      }
      const next = rows(state.messages);
      return next ? { live, messages: overlayLive(next, live), notice: null } : { live };
    });
    // Main announces the change too; the reload that follows brings the stored rows.
  };

  return {
    openId: null,
    messages: [],
    loadingConversation: false,
    loadingEarlier: false,
    live: {},
    notice: null,
    focusMessageId: null,

    async openConversation(id, focus) {
      ++viewSeq;
      set({
        openId: id,
        messages: [],
        loadingConversation: true,
        loadingEarlier: false,
        notice: null,
        focusMessageId: focus ?? null,
      });
      await load(id, true, focus);
    },

    clearFocus() {
      set({ focusMessageId: null });
    },

    async reloadOpen(force) {
      const { openId, messages, live } = get();
      if (!openId) return;
      const blind = messages.some((m) => m.status === 'streaming' && !live[m.id]?.complete);
      if (blind && !force) return;
      await load(openId, false);
    },

    newChat() {
      ++viewSeq;
      ++loadSeq;
      set({
        openId: null,
        messages: [],
        loadingConversation: false,
        loadingEarlier: false,
        notice: null,
        draftSettings: emptySettings,
        draftPresetId: null,
      });
    },

    async send(content, attachments = []) {
      const choice = chosen();
      if (!choice) return false;
      const { openId, draftSettings } = get();
      const view = viewSeq;
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
        });
        // The thumbnails of the new message show from the bytes already here.
        files.forEach((f, i) => primeAttachment(f.id, attachments[i]!.blob));
      } catch (err) {
        notice(err);
        return false;
      }
      set((state) => {
        const live = markStarted(state.live, started.conversationId, started.assistantMessageId);
        // The user moved elsewhere meanwhile: the new messages show when they come back.
        if (view !== viewSeq) return { live };
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
          ...(openId === null ? { draftSettings: emptySettings, draftPresetId: null } : {}),
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
        notice(err);
      }
    },

    async regenerate(answerId) {
      const choice = chosen();
      if (!choice) return false;
      const view = viewSeq;
      let started: GenerationStarted;
      try {
        started = await request('generation:regenerate', {
          messageId: answerId,
          backendId: choice.backendId,
          model: choice.model,
        });
      } catch (err) {
        notice(err);
        return false;
      }
      const answer = newRow({
        id: started.assistantMessageId,
        parentId: started.userMessageId,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      adoptVersion(view, started, (messages) => branchWithNewVersion(messages, answerId, [answer]));
      return true;
    },

    async editMessage(messageId, content) {
      const choice = chosen();
      if (!choice) return false;
      const view = viewSeq;
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
        notice(err);
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
      const mine = ++loadSeq;
      try {
        const detail = await request('conversations:select-version', { id: openId, messageId, direction });
        if (mine === loadSeq && get().openId === openId) show(detail);
      } catch (err) {
        if (mine === loadSeq) notice(err);
      }
    },

    applyPayloads(payloads) {
      set((state) => foldPayloads(state, payloads));
    },

    forgetLiveCompleteness() {
      set((state) => ({ live: markAllIncomplete(state.live) }));
    },

    setNotice(notice) {
      set({ notice });
    },
  };
};
