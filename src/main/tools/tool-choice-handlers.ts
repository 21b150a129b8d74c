// The contract's channels for the composer's Tools popover: a conversation's choice of tools, and
// the models remembered to refuse tools ("Try tools again" forgets one). Every change is told to
// every window through `tools:changed`.
import { asConversationId } from '../../shared/ids';
import type { RequestHandlers } from '../../shared/ipc/contract';
import { getConversation } from '../db/history/conversations-repo';
import { getToolChoice, setToolChoice } from '../db/history/conversation-tools-repo';
import { forgetToolRefusal, listToolRefusals } from '../db/settings/model-tool-refusals-repo';
import type { Db } from '../db/db';
import { conversationGone } from '../db/history/conversation-gone';

type Channel = 'conversations:tools' | 'conversations:save-tools' | 'tools:model-refusals' | 'tools:forget-refusal';

export function toolChoiceHandlers({ db, changed }: { db: Db; changed(): void }): RequestHandlers<Channel> {
  return {
    'conversations:tools': async ({ id }) => {
      const conversationId = asConversationId(id);
      if (!getConversation(db, conversationId)) throw conversationGone();
      return getToolChoice(db, conversationId);
    },
    'conversations:save-tools': async ({ id, choice }) => {
      const conversationId = asConversationId(id);
      if (!setToolChoice(db, conversationId, choice)) throw conversationGone();
      changed();
      return getToolChoice(db, conversationId);
    },
    'tools:model-refusals': async () => listToolRefusals(db),
    'tools:forget-refusal': async ({ backendId, model }) => {
      if (forgetToolRefusal(db, backendId, model)) changed();
      return null;
    },
  };
}
