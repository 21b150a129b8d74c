// What fake models send when they write tool calls into their text instead of the API's fields
// (a server started without its tool parser, or a prompt-only kind whose chat template asked for
// them), cut into small pieces so the tags are split as tokenizers split them; the answer they
// give once the request carries a tool result; and what a client should read from all of it.

/** The tools the fakes' calls use, as a request offers them. */
export const TEXT_CALL_TOOLS = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
  {
    name: 'get_time',
    description: 'Local time in a time zone',
    parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
  },
  {
    name: 'read_file',
    description: 'Read a text file',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' }, max_lines: { type: 'integer' } },
      required: ['path'],
    },
  },
];

/** Hermes / Qwen 2.5 blocks in the content: a sentence, then two calls (arguments an object, then JSON text). */
export const HERMES_CONTENT =
  'Let me look that up.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n' +
  '<tool_call>\n{"name": "get_time", "arguments": "{\\"zone\\": \\"Europe/Paris\\"}"}\n</tool_call>';

/** A Qwen3-Coder XML call inside the reasoning (the thought never closed, so the server put it all there). */
export const QWEN3_CODER_REASONING =
  'The user wants the config file.\n<tool_call>\n<function=read_file>\n<parameter=path>\n/etc/app/config.toml\n' +
  '</parameter>\n<parameter=max_lines>\n40\n</parameter>\n</function>\n</tool_call>';

/** The answer once a tool result is in the request. */
export const AFTER_TOOL_ANSWER = 'It is 21 °C and sunny in Paris, and 14:05 there.';

/** What a client should read from each. */
export const expectedTextCalls = {
  hermes: {
    text: 'Let me look that up.',
    calls: [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_time', arguments: { zone: 'Europe/Paris' } },
    ],
  },
  qwen3Coder: {
    reasoning: 'The user wants the config file.',
    calls: [{ name: 'read_file', arguments: { path: '/etc/app/config.toml', max_lines: 40 } }],
  },
} as const;

/** Pieces of `size` characters: tags and JSON cut anywhere, as real tokenizers cut them. */
export function textPieces(text: string, size = 3): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The KoboldCpp behaviour that answers with Hermes calls, then with text once it sees a <tool_response>. */
export const TEXT_TOOL_BEHAVIOURS = ['fake-tool-call'] as const;

/** The tokens of a prompt-only fake's answer to `prompt`; undefined for behaviours that are not tool calling. */
export function textToolTokens(behaviour: string, prompt: string): string[] | undefined {
  if (behaviour !== 'fake-tool-call') return undefined;
  // The last turn of the prompt holds the tool's result: the round is over, the answer is text.
  const lastResult = prompt.lastIndexOf('<tool_response>');
  const lastUser = Math.max(prompt.lastIndexOf('<|im_start|>user\n'), prompt.lastIndexOf('<|start_header_id|>user'));
  const answered = lastResult > lastUser || prompt.lastIndexOf('<|start_header_id|>ipython') > lastUser;
  return textPieces(answered ? AFTER_TOOL_ANSWER : HERMES_CONTENT);
}
