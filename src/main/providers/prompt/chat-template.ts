// Chat templates for prompt-only APIs (KoboldCpp's /api/v1/generate, Triton): the turns rendered
// to one prompt string with @huggingface/jinja, from a preset (presets.ts) or the model's own
// Jinja template pasted into the backend option `chatTemplate`, plus the stop strings the request
// should pass so generation ends at the end of the assistant's turn. Offered tools go in through
// the template (tool-prompt.ts). Turns that end with the assistant's partial answer render it left
// open, for the model to continue.
import { Template } from '@huggingface/jinja';
import { ChatFailure, chatError } from '../../../shared/chat-error';
import type { Spoken } from '../../../shared/words/define-words';
import { providerWords } from '../../../shared/words/provider-words';
import type { ChatTurn, ToolDefinition } from '../types';
import { isPreset, presets, type ChatTemplatePreset } from './presets';
import { flattenToolTurns, templateMessage, templateTools } from './tool-prompt';

export { chatTemplatePresets, isPreset, type ChatTemplatePreset } from './presets';

/** End-of-turn markers a pasted template may use; those it contains become its stop strings. */
const knownTurnEnds = ['<|im_end|>', '<|eot_id|>', '<end_of_turn>', '</s>', '<|end|>', '<|endoftext|>'];

/** Every end-of-turn marker known here (a polled cumulative text holds back a tail that may start one). */
export const allStopMarkers: readonly string[] = [
  ...new Set([...Object.values(presets).flatMap((p) => p.stop), ...knownTurnEnds]),
];

export interface RenderedPrompt {
  prompt: string;
  stop: string[];
}

const invalid = (message: Spoken) => new ChatFailure(chatError('invalid_input', message));

/** Stands in for a partial answer while rendering, to find where its text goes. */
const OPEN_ANSWER = 'RUNNEL-OPEN-ANSWER-7f3c';

/**
 * Renders `turns` with `add_generation_prompt` true. When the last turn is the assistant's, it is
 * a partial answer to continue instead: rendered without the generation prompt and cut right after
 * its text, so no end-of-turn marker closes it (what transformers calls continue_final_message).
 * `template` is a preset name (any case, e.g. "ChatML", "llama3") or Jinja text; empty means
 * `fallback`. `tools` reach a template that uses `tools` as HF templates take them, and any other
 * as text in the turns (flattenToolTurns), so the model sees them either way. A template that does
 * not parse, fails while rendering (including its own raise_exception) or cannot place a partial
 * answer is an `invalid_input` error.
 */
export function renderChatPrompt(
  turns: readonly ChatTurn[],
  template: string | undefined,
  fallback: ChatTemplatePreset = 'chatml',
  tools: readonly ToolDefinition[] = [],
): RenderedPrompt {
  const choice = (template ?? '').trim();
  const name = (choice || fallback).toLowerCase().replace(/[\s_-]+/g, '');
  const preset = isPreset(name) ? presets[name] : undefined;
  const source = preset?.source ?? choice;
  // A template that knows no tools gets them, and the calls and results, as text in the turns.
  const takesTools = preset?.takesTools ?? /\btools\b/.test(source);
  if (!takesTools) {
    turns = flattenToolTurns(turns, tools);
    tools = [];
  }
  const toolsValue = tools.length ? { tools: templateTools(tools) } : {};
  let compiled: Template;
  try {
    compiled = new Template(source);
  } catch (err) {
    throw invalid(
      providerWords.say('templateUnreadable', { detail: err instanceof Error ? err.message : String(err) }),
    );
  }
  const render = (messages: readonly ChatTurn[], addGenerationPrompt: boolean): string => {
    try {
      return compiled.render({
        messages: messages.map(templateMessage),
        ...toolsValue,
        add_generation_prompt: addGenerationPrompt,
        bos_token: '',
        eos_token: preset?.eosToken ?? '</s>',
      });
    } catch (err) {
      throw invalid(providerWords.say('templateFailed', { detail: err instanceof Error ? err.message : String(err) }));
    }
  };
  const stop = preset ? [...preset.stop] : knownTurnEnds.filter((marker) => source.includes(marker));
  const partial = turns.at(-1);
  if (partial?.role !== 'assistant') return { prompt: render(turns, true), stop };
  return { prompt: openAnswerPrompt(turns, partial.content, render), stop };
}

/**
 * The prompt with the last (assistant) turn left open: everything the template puts before its
 * text, then the text exactly as stored. A stand-in marks the spot; a template that rewrites
 * content is searched for the trimmed text instead, as transformers does.
 */
function openAnswerPrompt(
  turns: readonly ChatTurn[],
  partial: string,
  render: (messages: readonly ChatTurn[], addGenerationPrompt: boolean) => string,
): string {
  const marked = render([...turns.slice(0, -1), { role: 'assistant', content: OPEN_ANSWER }], false);
  const at = marked.lastIndexOf(OPEN_ANSWER);
  if (at >= 0 && marked.indexOf(OPEN_ANSWER) === at) return marked.slice(0, at) + partial;
  const rendered = render(turns, false);
  const text = partial.trim();
  const end = text ? rendered.lastIndexOf(text) : -1;
  if (end < 0) throw invalid(providerWords.say('templateCannotContinue'));
  return rendered.slice(0, end + text.length);
}
