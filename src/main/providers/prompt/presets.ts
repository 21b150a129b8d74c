// The chat template presets for prompt-only kinds (ChatML, Llama 3, Mistral, Gemma): their Jinja
// source, stop strings and end-of-turn token. ChatML and Llama 3 take `tools` the way the models'
// own templates do (Qwen3's and Llama 3.1's); Mistral and Gemma get tools as text (tool-prompt.ts).
export const chatTemplatePresets = ['chatml', 'llama3', 'mistral', 'gemma'] as const;
export type ChatTemplatePreset = (typeof chatTemplatePresets)[number];

export interface PresetDefinition {
  source: string;
  /** What ends the assistant's turn; sent as stop sequences. */
  stop: string[];
  eosToken: string;
  /** The template renders `tools`, assistant `tool_calls` and `tool` turns itself. */
  takesTools: boolean;
}

// ChatML as Qwen3's template writes it: with tools, a system block listing their JSON schemas and
// asking for <tool_call> blocks (after the system prompt, if any); an assistant's calls as
// <tool_call> blocks after its text; tool results as <tool_response> blocks in one user turn.
// Without tools it is the plain ChatML of the model cards.
const chatml = String.raw`
{%- if tools %}
  {{- '<|im_start|>system\n' }}
  {%- if messages[0].role == 'system' %}{{- messages[0].content + '\n\n' }}{%- endif %}
  {{- "# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>" }}
  {%- for tool in tools %}{{- '\n' }}{{- tool | tojson }}{%- endfor %}
  {{- "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" }}
{%- elif messages[0].role == 'system' %}
  {{- '<|im_start|>system\n' + messages[0].content + '<|im_end|>\n' }}
{%- endif %}
{%- for message in messages %}
  {%- if message.role == 'system' and loop.first %}
  {%- elif message.role == 'assistant' and message.tool_calls %}
    {{- '<|im_start|>assistant\n' + message.content }}
    {%- for call in message.tool_calls %}
      {%- if (loop.first and message.content) or not loop.first %}{{- '\n' }}{%- endif %}
      {{- '<tool_call>\n{"name": "' + call.function.name + '", "arguments": ' }}
      {%- if call.function.arguments is string %}{{- call.function.arguments }}{%- else %}{{- call.function.arguments | tojson }}{%- endif %}
      {{- '}\n</tool_call>' }}
    {%- endfor %}
    {{- '<|im_end|>\n' }}
  {%- elif message.role == 'tool' %}
    {%- if loop.first or messages[loop.index0 - 1].role != 'tool' %}{{- '<|im_start|>user' }}{%- endif %}
    {{- '\n<tool_response>\n' + message.content + '\n</tool_response>' }}
    {%- if loop.last or messages[loop.index0 + 1].role != 'tool' %}{{- '<|im_end|>\n' }}{%- endif %}
  {%- else %}
    {{- '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>\n' }}
  {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %}`;

// Llama 3: without tools, Meta-Llama-3-8B-Instruct's template (headers, a blank line, content
// trimmed, <|eot_id|>). With tools, Llama-3.1-8B-Instruct's layout: a system header with
// "Environment: ipython" and the dates, the tools as JSON schemas in the first user message with
// the instruction to answer {"name", "parameters"}, a call as that JSON, a result as an `ipython`
// turn. Llama 3.1 raises on several calls in one turn; here they go one per line.
const llama3 = String.raw`
{{- bos_token }}
{%- if tools %}
  {%- if not date_string is defined %}{%- set date_string = '26 Jul 2024' %}{%- endif %}
  {%- if messages[0].role == 'system' %}
    {%- set system_message = messages[0].content | trim %}{%- set loop_messages = messages[1:] %}
  {%- else %}
    {%- set system_message = '' %}{%- set loop_messages = messages %}
  {%- endif %}
  {{- '<|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nCutting Knowledge Date: December 2023\n' }}
  {{- 'Today Date: ' + date_string + '\n\n' + system_message + '<|eot_id|>' }}
  {%- if loop_messages and loop_messages[0].role == 'user' %}
    {{- '<|start_header_id|>user<|end_header_id|>\n\n' }}
    {{- 'Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n' }}
    {{- 'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.Do not use variables.\n\n' }}
    {%- for tool in tools %}{{- tool | tojson(indent=4) }}{{- '\n\n' }}{%- endfor %}
    {{- loop_messages[0].content | trim + '<|eot_id|>' }}
    {%- set loop_messages = loop_messages[1:] %}
  {%- endif %}
{%- else %}
  {%- set loop_messages = messages %}
{%- endif %}
{%- for message in loop_messages %}
  {%- if message.role == 'tool' %}
    {{- '<|start_header_id|>ipython<|end_header_id|>\n\n' + message.content + '<|eot_id|>' }}
  {%- elif message.role == 'assistant' and message.tool_calls %}
    {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
    {%- for call in message.tool_calls %}
      {%- if not loop.first %}{{- '\n' }}{%- endif %}
      {{- '{"name": "' + call.function.name + '", "parameters": ' }}
      {%- if call.function.arguments is string %}{{- call.function.arguments }}{%- else %}{{- call.function.arguments | tojson }}{%- endif %}
      {{- '}' }}
    {%- endfor %}
    {{- '<|eot_id|>' }}
  {%- else %}
    {{- '<|start_header_id|>' + message.role + '<|end_header_id|>\n\n' + message.content | trim + '<|eot_id|>' }}
  {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{%- endif %}`;

// BOS is left out (`bos_token` renders as ''): KoboldCpp and llama.cpp add it when they tokenize
// the prompt, and a second one in the text degrades the answer (llama.cpp warns about a double BOS).
export const presets: Record<ChatTemplatePreset, PresetDefinition> = {
  // ChatML (Qwen, Hermes, Yi…).
  chatml: { source: chatml, stop: ['<|im_end|>'], eosToken: '<|im_end|>', takesTools: true },
  llama3: { source: llama3, stop: ['<|eot_id|>'], eosToken: '<|eot_id|>', takesTools: true },
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
    takesTools: false,
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
    takesTools: false,
  },
};

export function isPreset(value: string): value is ChatTemplatePreset {
  return (chatTemplatePresets as readonly string[]).includes(value);
}
