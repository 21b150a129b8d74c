// The contract's generation channels: a new message, Regenerate, Edit and Continue each resolve
// the backend (its key, headers and default parameters) and hand a stored turn to Generations;
// Stop cancels; attachments are staged in pieces before Send and read back to be shown.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { asBackendId, asConversationId, asMessageId } from '../../shared/ids';
import type { RequestHandlers } from '../../shared/ipc/contract';
import { setParams, type BackendStore } from '../backends/backend-store';
import type { Db } from '../db/db';
import { getAttachment } from '../db/history/attachments-repo';
import { getConversation } from '../db/history/conversations-repo';
import { getMessage } from '../db/history/messages-repo';
import { getBackend } from '../db/settings/backends-repo';
import type { AttachmentStaging } from './attachment-staging';
import type { ContextStep } from './context/context-step';
import { refuseImagesBefore } from './attachment-turns';
import type { Generations } from './generations';
import { serverCapacity } from './server-capacity';
import type { ToolApprovals } from './tool-approvals';
import { generationWords } from '../../shared/words/generation-words';
import { conversationGone } from '../db/history/conversation-gone';

type Channel =
  | 'generation:start'
  | 'generation:regenerate'
  | 'generation:edit'
  | 'generation:continue'
  | 'generation:compare'
  | 'generation:cancel'
  | 'context:status'
  | 'attachments:stage'
  | 'attachments:get'
  | 'tools:decide';

export interface GenerationHandlerDeps {
  db: Db;
  generations: Generations;
  backends: Pick<BackendStore, 'stored' | 'target'>;
  staging: AttachmentStaging;
  approvals: ToolApprovals;
  context: ContextStep;
}

export function generationHandlers({
  db,
  generations,
  backends,
  approvals,
  staging,
  context,
}: GenerationHandlerDeps): RequestHandlers<Channel> {
  /** The backend as a generation needs it: the wire target and the parameters it fills in. */
  const backendFor = async (id: string) => {
    const backend = backends.stored(id);
    return {
      backendId: asBackendId(backend.id),
      target: await backends.target(backend.id),
      backendParams: backend.defaultParams,
    };
  };

  return {
    'generation:start': async (input) => {
      const backend = await backendFor(input.backendId);
      if (input.conversationId && !getConversation(db, asConversationId(input.conversationId))) {
        throw conversationGone();
      }
      if (input.content === '' && !input.attachments?.length) {
        throw new ChatFailure(chatError('invalid_input', generationWords.say('emptyMessage')));
      }
      const attachments = staging.take(input.attachments ?? []);
      const conversationId = input.conversationId ? asConversationId(input.conversationId) : null;
      refuseImagesBefore(db, backend.target.kind, conversationId, attachments);
      return generations.start({
        ...backend,
        conversationId,
        model: input.model,
        content: input.content,
        // What the conversation sets wins; the backend's defaults fill in the rest.
        params: setParams(input.params),
        attachments,
        settings: input.settings && { ...input.settings, params: setParams(input.settings.params) },
        ...(input.tools ? { tools: input.tools } : {}),
        withoutTools: input.withoutTools === true,
      });
    },
    // The same message to the chosen model and the others; each answer is a version of the reply.
    'generation:compare': async ({ others, ...input }) => {
      if (input.conversationId && !getConversation(db, asConversationId(input.conversationId))) {
        throw conversationGone();
      }
      if (input.content === '' && !input.attachments?.length) {
        throw new ChatFailure(chatError('invalid_input', generationWords.say('emptyMessage')));
      }
      const chosen = [{ backendId: input.backendId, model: input.model }, ...others];
      const keys = new Set(chosen.map((c) => `${c.backendId} ${c.model}`));
      if (keys.size !== chosen.length) {
        throw new ChatFailure(chatError('invalid_input', generationWords.say('comparedTwice')));
      }
      const backend = await backendFor(input.backendId);
      const sources = await Promise.all(
        others.map(async (other) => ({ ...(await backendFor(other.backendId)), model: other.model, params: {} })),
      );
      const attachments = staging.take(input.attachments ?? []);
      const conversationId = input.conversationId ? asConversationId(input.conversationId) : null;
      for (const source of [backend, ...sources]) {
        refuseImagesBefore(db, source.target.kind, conversationId, attachments);
      }
      return generations.compare(
        {
          ...backend,
          conversationId,
          model: input.model,
          content: input.content,
          params: {},
          attachments,
          settings: input.settings && { ...input.settings, params: setParams(input.settings.params) },
        },
        sources,
        (source) => serverCapacity(source.target),
      );
    },
    'generation:regenerate': async (input) =>
      generations.regenerate({
        ...(await backendFor(input.backendId)),
        answerId: asMessageId(input.messageId),
        model: input.model,
        params: setParams(input.params),
        withoutTools: input.withoutTools === true,
        ...(input.trim ? { trim: true } : {}),
      }),
    'generation:edit': async (input) =>
      generations.edit({
        ...(await backendFor(input.backendId)),
        messageId: asMessageId(input.messageId),
        content: input.content,
        model: input.model,
        params: setParams(input.params),
        withoutTools: input.withoutTools === true,
      }),
    // The model that wrote the answer goes on with it.
    'generation:continue': async ({ messageId }) => {
      const answer = getMessage(db, asMessageId(messageId));
      if (!answer) throw new ChatFailure(chatError('not_found', generationWords.say('answerGone')));
      if (!answer.backendId || !answer.model || !getBackend(db, answer.backendId)) {
        throw new ChatFailure(chatError('not_found', generationWords.say('writerGone')));
      }
      return generations.continueAnswer({
        ...(await backendFor(answer.backendId)),
        answerId: answer.id,
        model: answer.model,
        params: {},
      });
    },
    'generation:cancel': async ({ messageId }) => {
      generations.cancel(asMessageId(messageId));
      return null;
    },
    'context:status': async ({ conversationId, backendId, model, settings, tools }) => {
      backends.stored(backendId);
      const id = conversationId ? asConversationId(conversationId) : null;
      if (id && !getConversation(db, id)) throw conversationGone();
      return context.status(id, backendId, model, { settings, tools });
    },
    'tools:decide': async ({ callId, decision }) => ({ applied: approvals.decide(callId, decision) }),
    'attachments:stage': async (piece) => staging.put(piece),
    'attachments:get': async ({ id }) => {
      const file = getAttachment(db, id);
      if (!file) throw new ChatFailure(chatError('not_found', generationWords.say('attachmentGone')));
      const { messageId: _messageId, data, ...meta } = file;
      return { ...meta, data: data.toString('base64') };
    },
  };
}
