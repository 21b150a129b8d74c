// Why an answer ended, from the server's finish reason (each API names it its own way) and its status
// (Stop is the user's), as one of a few meanings the metrics line words.
import { lengthFinishReasons, type MessageStatus } from '../../../../shared/domain';

export type FinishMeaning =
  | 'finished'
  | 'length'
  | 'stopSequence'
  | 'toolCall'
  | 'contentFilter'
  | 'refusal'
  | 'paused'
  | 'cutOff'
  | 'byYou'
  | 'other';

const meanings: ReadonlyMap<string, FinishMeaning> = new Map(
  Object.entries({
    // OpenAI chat, vLLM, llama.cpp, KoboldCpp, Ollama; Anthropic; Responses and Realtime; TGI; Gemini-style.
    stop: 'finished',
    end_turn: 'finished',
    completed: 'finished',
    eos: 'finished',
    eos_token: 'finished',
    STOP: 'finished',
    stop_sequence: 'stopSequence',
    tool_calls: 'toolCall',
    tool_use: 'toolCall',
    function_call: 'toolCall',
    content_filter: 'contentFilter',
    SAFETY: 'contentFilter',
    refusal: 'refusal',
    pause_turn: 'paused',
    incomplete: 'cutOff',
    failed: 'cutOff',
    abort: 'cutOff',
  } satisfies Record<string, FinishMeaning>),
);

/** Null when there is nothing to say: no reason given and the user did not stop it. */
export function finishMeaning(reason: string | null, status: MessageStatus): FinishMeaning | null {
  if (status === 'cancelled') return 'byYou';
  if (!reason) return null;
  if (lengthFinishReasons.includes(reason) || reason === 'MAX_TOKENS') return 'length';
  return meanings.get(reason) ?? 'other';
}
