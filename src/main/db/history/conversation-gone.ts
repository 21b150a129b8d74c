// The failure of a request about a conversation that is not in the database (deleted meanwhile,
// or never there), in Runnel's words: every handler that looks one up refuses the same way.
import { ChatFailure, chatError } from '../../../shared/chat-error';
import { appWords } from '../../../shared/words/app-words';

export const conversationGone = (): ChatFailure =>
  new ChatFailure(chatError('not_found', appWords.say('conversationGone')));
