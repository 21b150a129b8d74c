// Chat templates for prompt-only APIs (KoboldCpp's /api/v1/generate, Triton): the turns rendered
// to one prompt string with @huggingface/jinja, from a preset (ChatML, Llama 3, Mistral, Gemma) or
// the model's own Jinja template pasted into the backend option `chatTemplate`, plus the stop
// strings the request should pass so generation ends at the end of the assistant's turn. Turns
// that end with the assistant's partial answer render it left open, for the model to continue.
import { Template } from '@huggingface/jinja';
import { ChatFailure, chatError } from '../../../shared/chat-error';
import type { ChatTurn } from '../types';

export const chatTemplatePresets = ['chatml', 'llama3', 'mistral', 'gemma'] as const;
export type ChatTemplatePreset = (typeof chatTemplatePresets)[number];

interface PresetDefinition {
  source: string;
  /** What ends the assistant's turn; sent as stop sequences. */
  stop: string[];
  eosToken: string;
}

// BOS is left out (`bos_token` renders as ''): KoboldCpp and llama.cpp add it when they tokenize
// the prompt, and a second one in the text degrades the answer (llama.cpp warns about a double BOS).
const presets: Record<ChatTemplatePreset, PresetDefinition> = {
  // ChatML (Qwen, Hermes, Yi…): the template of the ChatML model cards.
  chatml: {
    source:
      "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
      "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
    stop: ['<|im_end|>'],
    eosToken: '<|im_end|>',
  },
  // Meta-Llama-3-8B-Instruct tokenizer_config.json: headers, a blank line, content trimmed, <|eot_id|>.
  llama3: {
    source:
      "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}" +
      "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}",
    stop: ['<|eot_id|>'],
    eosToken: '<|eot_id|>',
  },
  // Mistral instruct, tokenizer V2/V3 layout (mistralai/cookbook chat_templates.md):
  // "[INST] user[/INST] assistant</s>[INST] user[/INST]"; the system prompt is prepended to the
  // last user message, as mistral-common does (found first, so a partial answer after it does not
  // hide it). No alternation check: Runnel leaves out answers that produced no text, so two user
  // turns can follow each other.
  mistral: {
    source:
      "{% if messages[0]['role'] == 'system' %}{% set system_message = messages[0]['content'] %}{% set loop_messages = messages[1:] %}{% else %}{% set loop_messages = messages %}{% endif %}" +
      "{% set ns = namespace(last_user=-1) %}{% for message in loop_messages %}{% if message['role'] == 'user' %}{% set ns.last_user = loop.index0 %}{% endif %}{% endfor %}" +
      '{{ bos_token }}{% for message in loop_messages %}' +
      "{% if message['role'] == 'user' %}{% if loop.index0 == ns.last_user and system_message is defined %}{{ '[INST] ' + system_message + '\\n\\n' + message['content'] + '[/INST]' }}{% else %}{{ '[INST] ' + message['content'] + '[/INST]' }}{% endif %}" +
      "{% elif message['role'] == 'assistant' %}{{ ' ' + message['content'] | trim + eos_token }}{% endif %}{% endfor %}",
    stop: ['</s>', '[INST]'],
    eosToken: '</s>',
  },
  // Gemma 2/3 instruct (google/gemma-3 chat_template): `model` for the assistant, content trimmed,
  // the system prompt prepended to the first user turn (Gemma has no system role).
  gemma: {
    source:
      "{% if messages[0]['role'] == 'system' %}{% set first_user_prefix = messages[0]['content'] + '\\n\\n' %}{% set loop_messages = messages[1:] %}{% else %}{% set first_user_prefix = '' %}{% set loop_messages = messages %}{% endif %}" +
      '{{ bos_token }}{% for message in loop_messages %}' +
      "{% if message['role'] == 'assistant' %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}" +
      "{{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else '') + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}" +
      "{% if add_generation_prompt %}{{ '<start_of_turn>model\\n' }}{% endif %}",
    stop: ['<end_of_turn>'],
    eosToken: '<end_of_turn>',
  },
};

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

export function isPreset(value: string): value is ChatTemplatePreset {
  return (chatTemplatePresets as readonly string[]).includes(value);
}

const invalid = (message: string) => new ChatFailure(chatError('invalid_input', message));

/** Stands in for a partial answer while rendering, to find where its text goes. */
const OPEN_ANSWER = 'RUNNEL-OPEN-ANSWER-7f3c';

/**
 * Renders `turns` with `add_generation_prompt` true. When the last turn is the assistant's, it is
 * a partial answer to continue instead: rendered without the generation prompt and cut right after
 * its text, so no end-of-turn marker closes it (what transformers calls continue_final_message).
 * `template` is a preset name (any case, e.g. "ChatML", "llama3") or Jinja text; empty means
 * `fallback`. A template that does not parse, fails while rendering (including its own
 * raise_exception) or cannot place a partial answer is an `invalid_input` error.
 */
export function renderChatPrompt(
  turns: readonly ChatTurn[],
  template: string | undefined,
  fallback: ChatTemplatePreset = 'chatml',
): RenderedPrompt {
  const choice = (template ?? '').trim();
  const name = (choice || fallback).toLowerCase().replace(/[\s_-]+/g, '');
  const preset = isPreset(name) ? presets[name] : undefined;
  const source = preset?.source ?? choice;
  let compiled: Template;
  try {
    compiled = new Template(source);
  } catch (err) {
    throw invalid(`The chat template could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const render = (messages: readonly ChatTurn[], addGenerationPrompt: boolean): string => {
    try {
      return compiled.render({
        messages: messages.map((t) => ({ role: t.role, content: t.content })),
        add_generation_prompt: addGenerationPrompt,
        bos_token: '',
        eos_token: preset?.eosToken ?? '</s>',
      });
    } catch (err) {
      throw invalid(`The chat template failed to render: ${err instanceof Error ? err.message : String(err)}`);
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
  if (end < 0) throw invalid('This chat template does not show the partial answer, so it cannot be continued');
  return rendered.slice(0, end + text.length);
}
