// What a request sends besides the model: the conversation as the model sees it (system prompt
// first, then the messages with their files, an answer that called tools as the rounds it was)
// and the parameters, layered from backend to request.
import type { GenerationParams, Message } from '../../shared/domain';
import type { ConversationId } from '../../shared/ids';
import { getConversationSettings } from '../db/history/conversation-settings-repo';
import { toolCallsOfMessages, type StoredToolCall } from '../db/history/tool-calls-repo';
import type { Db } from '../db/db';
import { toolImagesFor, type ToolImage } from '../db/history/attachments-repo';
import type { ChatTurn, ToolCall } from '../providers/types';
import { filesOf, withFiles } from './attachment-turns';
import { asTurnImages } from './tool-images';

/** The backend's defaults, under the conversation's settings, under this request's own. */
export function paramsFor(
  db: Db,
  conversationId: ConversationId,
  source: { params: GenerationParams; backendParams?: GenerationParams },
): GenerationParams {
  const settings = getConversationSettings(db, conversationId);
  return { ...source.backendParams, ...settings?.params, ...source.params };
}

/** One stored message as the request carries it: its turns (several for an answer that called tools). */
export interface TurnGroup {
  message: Message;
  turns: ChatTurn[];
}

/** A request's history before the context step chooses from it: the system turn, then one group per message. */
export interface RequestHistory {
  system: ChatTurn[];
  groups: TurnGroup[];
}

/**
 * The conversation as the model sees it: its system prompt first, then the messages with their
 * files. When the last message is an answer being continued, its text after its last tool round
 * ends the turns (the prefill), or its last round's results do when no text followed them.
 */
export function turnsFor(db: Db, conversationId: ConversationId, messages: Message[]): ChatTurn[] {
  return flatten(historyFor(db, conversationId, messages));
}

/** The same, message by message, so whole turns can be left out of a request that would not fit. */
export function historyFor(db: Db, conversationId: ConversationId, messages: Message[]): RequestHistory {
  const systemPrompt = getConversationSettings(db, conversationId)?.systemPrompt ?? '';
  return { system: systemTurns(systemPrompt), groups: toGroups(db, messages) };
}

/** The system prompt as the request carries it: a turn of its own, or none when it is blank. */
export function systemTurns(systemPrompt: string): ChatTurn[] {
  return systemPrompt.trim() ? [{ role: 'system', content: systemPrompt }] : [];
}

/** The turns of a history from group `first` on (0: all of it). */
export function flatten(history: RequestHistory, first = 0): ChatTurn[] {
  const turns = [...history.system];
  for (let i = first; i < history.groups.length; i++) turns.push(...history.groups[i]!.turns);
  return turns;
}

/**
 * The messages as the model sees them: answers that produced no text and called no tool are left
 * out; files go with their message; an answer that called tools comes back round by round.
 */
function toGroups(db: Db, messages: Message[]): TurnGroup[] {
  const files = filesOf(db, messages);
  const answers = messages.filter((m) => m.role === 'assistant').map((m) => m.id);
  const calls = toolCallsOfMessages(db, answers);
  const images = calls.size ? toolImagesFor(db, answers) : new Map<string, ToolImage[]>();
  const groups: TurnGroup[] = [];
  for (const m of messages) {
    const made = calls.get(m.id);
    if (made?.length) groups.push({ message: m, turns: roundsOf(m.content, made, images) });
    else if (m.role !== 'assistant' || m.content.length > 0) {
      groups.push({ message: m, turns: [withFiles({ role: m.role, content: m.content }, files.get(m.id))] });
    }
  }
  return groups;
}

/** What the model is told of a call that was stopped (by Stop, or by the app closing) before it ran. */
export const notRunResult =
  'This tool call did not run: the turn was stopped before it was approved or started. Call it again if it is still needed.';

/** …and of one that was stopped while it ran: there is no result, and what it did is unknown. */
export const stoppedResult =
  'This tool call was stopped while it ran, so there is no result; it may or may not have taken effect.';

/**
 * An answer's text and calls as the requests of its turn carried them: per round, the text the
 * model wrote before its calls with the calls (their wire ids and names, as stored, so calls of a
 * server removed since still read right), then one result turn per call; the text after the last
 * round, if any, closes it. Calls are split off the text at their stored position.
 */
export function roundsOf(
  content: string,
  calls: readonly StoredToolCall[],
  images: ReadonlyMap<string, readonly ToolImage[]> = new Map(),
): ChatTurn[] {
  const turns: ChatTurn[] = [];
  let from = 0;
  for (const round of byRound(calls)) {
    // A position out of order or past the text (a hand-edited import) is held inside it.
    const at = Math.min(content.length, Math.max(from, Math.min(...round.map((c) => c.position))));
    const replay = round[0]!.replay;
    turns.push({
      role: 'assistant',
      content: content.slice(from, at),
      toolCalls: round.map(wireCall),
      ...(replay ? { replay } : {}),
    });
    turns.push(...round.map((call) => resultTurn(call, images.get(call.id))));
    from = at;
  }
  if (from < content.length) turns.push({ role: 'assistant', content: content.slice(from) });
  return turns;
}

/** The calls of each round, rounds in order, calls in their order within the round. */
function byRound(calls: readonly StoredToolCall[]): StoredToolCall[][] {
  const rounds = new Map<number, StoredToolCall[]>();
  for (const call of [...calls].sort((a, b) => a.round - b.round || a.index - b.index)) {
    rounds.set(call.round, [...(rounds.get(call.round) ?? []), call]);
  }
  return [...rounds.values()];
}

const wireCall = (call: StoredToolCall): ToolCall => ({
  index: call.index,
  id: call.wireId,
  name: call.wireName,
  arguments: call.arguments,
});

/**
 * A call's result as the model got it: the stored text (and images) of a call that ended (done, failed, denied);
 * for one that never ended (stopped, or still waiting or running when the app closed), a result
 * saying so, so the model can decide whether to call it again.
 */
function resultTurn(call: StoredToolCall, images: readonly ToolImage[] | undefined): ChatTurn {
  const ended = call.status === 'done' || call.status === 'error' || call.status === 'denied';
  const content = ended ? call.result : call.startedAt === null ? notRunResult : stoppedResult;
  const turn: ChatTurn = {
    role: 'tool',
    toolCallId: call.wireId,
    toolName: call.wireName,
    content,
    isError: call.status !== 'done',
  };
  // The images a tool returned go back with its result, as the request that followed it sent them.
  return ended && images?.length ? { ...turn, images: asTurnImages(images) } : turn;
}
