// Compare: the models the next message also goes to (besides the chosen one), sending it to all of
// them at once, and the comparison shown in place of the reply: its answers (sibling versions of
// one reply) with what this window saw streamed laid over them, a Stop per answer, "Continue with
// this", and "Compare versions" bringing a turn's versions side by side again.
import type { AttachmentMeta, GenerationEventPayload, Message } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import type { ComparisonStarted } from '../../../shared/ipc/contract';
import { request } from '../api/api';
import { primeAttachment } from '../api/attachment-blobs';
import { uploadAttachments, type OutgoingAttachment } from '../api/upload-attachments';
import { applyGenerationEvents, emptyMetrics } from './apply-generation-events';
import type { ChatSession } from './chat-session';
import { markStarted, overlayLive, type LiveGenerations } from './live-generations';
import { choiceKey, type ModelChoice } from './model-selection';
import { emptySettings } from './presets-slice';

/** The chosen model and at most three others. */
export const MAX_COMPARED = 4;

export interface Comparison {
  conversationId: ConversationId;
  /** The user message whose answers are compared. */
  questionId: MessageId;
  /** Its answers as loaded or started; live records are laid over them when shown. */
  answers: Message[];
}

export interface ChatCompareState {
  /** The models the next message goes to besides the chosen one. */
  compareWith: ModelChoice[];
  comparison: Comparison | null;
}

export interface ChatCompare {
  setCompareWith(choices: ModelChoice[]): void;
  /** Sends to the chosen model and every one in `compareWith` (at most four in all); false when refused. */
  sendCompared(content: string, attachments?: readonly OutgoingAttachment[]): Promise<boolean>;
  /** "Compare versions": the answers to `questionId` side by side. */
  showComparison(questionId: MessageId): Promise<void>;
  closeComparison(): void;
  /** Stops one answer of the comparison. */
  stopCompared(answerId: MessageId): Promise<void>;
  /** "Continue with this": that answer's branch is shown and its model becomes the conversation's. */
  continueWith(answerId: MessageId): Promise<void>;
}

/** The comparison's answers as they stand: stored or started rows with this window's live records over them. */
export function comparedAnswers(comparison: Comparison, live: LiveGenerations): Message[] {
  return overlayLive(comparison.answers, live);
}

/** Generation events land in the comparison's answers too, so it stays whole after live records are pruned. */
export function foldComparison(comparison: Comparison, payloads: readonly GenerationEventPayload[]): Comparison {
  let answers = comparison.answers;
  for (const payload of payloads) {
    if (payload.conversationId === comparison.conversationId) answers = applyGenerationEvents(answers, payload);
  }
  return answers === comparison.answers ? comparison : { ...comparison, answers };
}

/** Whether any answer of the comparison is still streaming. */
export function comparisonStreaming(comparison: Comparison | null, live: LiveGenerations): boolean {
  return comparison !== null && comparedAnswers(comparison, live).some((m) => m.status === 'streaming');
}

export function createChatCompare({ set, get, seq, fail, chosen, show }: ChatSession): ChatCompare {
  return {
    setCompareWith(choices) {
      const current = get().choice;
      // The chosen model is always compared; it is not one of the others.
      const others = choices.filter((c) => !current || choiceKey(c) !== choiceKey(current));
      set({ compareWith: others });
    },

    async sendCompared(content, attachments = []) {
      const choice = chosen();
      if (!choice) return false;
      const others = get().compareWith.filter((c) => choiceKey(c) !== choiceKey(choice));
      if (others.length + 1 > MAX_COMPARED) {
        set({ notice: { kind: 'too-many-compared', max: MAX_COMPARED } });
        return false;
      }
      const { openId, draftSettings } = get();
      const view = seq.view;
      let started: ComparisonStarted;
      let files: AttachmentMeta[] = [];
      try {
        files = await uploadAttachments(attachments);
        started = await request('generation:compare', {
          conversationId: openId,
          backendId: choice.backendId,
          model: choice.model,
          content,
          others,
          ...(files.length ? { attachments: files.map((f) => f.id) } : {}),
          ...(openId === null ? { settings: draftSettings } : {}),
        });
        files.forEach((f, i) => primeAttachment(f.id, attachments[i]!.blob));
      } catch (err) {
        fail(err);
        return false;
      }
      const now = Date.now();
      const models = new Set(started.answers.map((a) => `${a.backendId} ${a.model}`)).size;
      const count = started.answers.length;
      const answers: Message[] = started.answers.map((a, index) => ({
        id: a.assistantMessageId,
        conversationId: started.conversationId,
        parentId: started.userMessageId,
        role: 'assistant',
        content: '',
        reasoning: '',
        status: 'streaming',
        error: null,
        backendId: a.backendId,
        model: a.model,
        params: {},
        metrics: emptyMetrics,
        createdAt: now,
        updatedAt: now,
        versions: { index, count, ...(models > 1 ? { models } : {}) },
      }));
      set((state) => {
        let live = state.live;
        for (const a of started.answers) live = markStarted(live, started.conversationId, a.assistantMessageId);
        const comparison = { conversationId: started.conversationId, questionId: started.userMessageId, answers };
        if (view !== seq.view) return { live, compareWith: [] };
        const known = new Set<MessageId>(state.messages.map((m) => m.id));
        const added: Message[] = [];
        if (!known.has(started.userMessageId)) {
          added.push({
            ...answers[0]!,
            id: started.userMessageId,
            parentId: state.messages.at(-1)?.id ?? null,
            role: 'user',
            content,
            status: 'done',
            backendId: choice.backendId,
            model: choice.model,
            versions: { index: 0, count: 1 },
            ...(files.length ? { attachments: files } : {}),
          });
        }
        if (!known.has(answers[0]!.id)) added.push(answers[0]!);
        return {
          live,
          comparison,
          compareWith: [],
          openId: started.conversationId,
          messages: overlayLive([...state.messages, ...added], live),
          notice: null,
          ...(openId === null ? { draftSettings: emptySettings, draftPresetId: null } : {}),
        };
      });
      return true;
    },

    async showComparison(questionId) {
      const { openId } = get();
      if (!openId) return;
      const view = seq.view;
      try {
        const answers = await request('conversations:answers', { id: openId, messageId: questionId });
        if (view !== seq.view || get().openId !== openId) return;
        set({ comparison: { conversationId: openId, questionId, answers } });
      } catch (err) {
        fail(err);
      }
    },

    closeComparison() {
      set({ comparison: null });
    },

    async stopCompared(answerId) {
      try {
        await request('generation:cancel', { messageId: answerId });
      } catch (err) {
        fail(err);
      }
    },

    async continueWith(answerId) {
      const { openId, comparison } = get();
      if (!openId) return;
      const answer = comparison?.answers.find((a) => a.id === answerId);
      const mine = ++seq.load;
      try {
        const detail = await request('conversations:continue-with', { id: openId, messageId: answerId });
        if (get().openId !== openId) return;
        set({ comparison: null });
        // A reload main's change notice started may have brought the same branch already.
        if (mine === seq.load) show(detail);
        // The conversation goes on with that model.
        if (answer?.backendId && answer.model) get().selectModel({ backendId: answer.backendId, model: answer.model });
      } catch (err) {
        if (mine === seq.load) fail(err);
      }
    },
  };
}
