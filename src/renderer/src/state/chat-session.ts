// What the chat slice's parts share: the store, the counters that tell a late answer from a current
// one, loading the open conversation, the failure notice, and the model a new answer is written by.
import { toChatError } from '../../../shared/chat-error';
import type { ConversationDetail } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { failureNotice } from './chat-notice';
import { overlayLive } from './live-generations';
import type { ModelChoice } from './model-selection';

type Parts = Parameters<SliceCreator<unknown>>;

/** How many of its newest messages a conversation shows before the rest has arrived: more than a tall window holds. */
export const OPEN_TAIL = 40;

export interface ChatSession {
  set: Parts[0];
  get: Parts[1];
  seq: {
    /** Bumped when the user moves to another conversation: a send answered later must not land there. */
    view: number;
    /** Bumped by every load of the open conversation (and by moving), so only the newest answer lands. */
    load: number;
  };
  /** Shows a conversation main sent, with what this window saw streamed laid over it. */
  show(detail: ConversationDetail): void;
  /** Loads `id` (on the branch through `through`); with `adopt`, its model becomes the chosen one. */
  load(id: ConversationId, adopt: boolean, through?: MessageId): Promise<void>;
  fail(err: unknown): void;
  /** The chosen model; without one, the notice asks for it. */
  chosen(): ModelChoice | null;
}

export function createChatSession(set: Parts[0], get: Parts[1]): ChatSession {
  const seq = { view: 0, load: 0 };

  const show = (detail: ConversationDetail): void =>
    set((state) => ({
      messages: overlayLive(detail.messages, state.live),
      loadingConversation: false,
      loadingEarlier: detail.earlier,
    }));

  const load = async (id: ConversationId, adopt: boolean, through?: MessageId): Promise<void> => {
    const mine = ++seq.load;
    try {
      // Opening shows the newest messages first, then the whole branch: a conversation of
      // thousands paints as fast as a short one. (A search hit needs its branch in full.)
      const opening = adopt && !through;
      const detail = await request(
        'conversations:get',
        through ? { id, through } : opening ? { id, tail: OPEN_TAIL } : { id },
      );
      if (mine !== seq.load) return;
      show(detail);
      if (adopt) adoptModel(detail.conversation.backendId, detail.conversation.model);
      if (detail.earlier) {
        const whole = await request('conversations:get', { id });
        if (mine === seq.load) show(whole);
      }
    } catch (err) {
      if (mine !== seq.load) return;
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

  return {
    set,
    get,
    seq,
    show,
    load,
    fail: (err) => set({ notice: failureNotice(err) }),
    chosen() {
      const { choice } = get();
      if (!choice) set({ notice: { kind: 'choose-model' } });
      return choice;
    },
  };
}
