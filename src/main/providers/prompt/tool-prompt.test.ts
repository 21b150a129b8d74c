// Tools in the prompt of prompt-only kinds: the ChatML preset renders them as Qwen's templates do
// (the same bytes as Qwen 2.5's own template pasted in), Llama 3 as Llama 3.1's template does, a
// pasted template that uses `tools` gets them, and templates that know no tools get them as text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatTurn, ToolDefinition } from '../types';
import { renderChatPrompt } from './chat-template';
import { flattenToolTurns, toolCallText } from './tool-prompt';

const qwen25 = readFileSync(
  new URL('../../../../tests/fixtures/chat-templates/qwen2.5-instruct.jinja', import.meta.url),
  'utf8',
);

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];
const schema =
  '{"type": "function", "function": {"name": "get_weather", "description": "Weather for a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}';

const call = (id: string, city: string) => ({ index: 0, id, name: 'get_weather', arguments: JSON.stringify({ city }) });
/** A round with a call and its result, then a round with two calls, and the results of both. */
const conversation: ChatTurn[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Weather in Paris?' },
  { role: 'assistant', content: '', toolCalls: [call('call_0', 'Paris')] },
  { role: 'tool', content: '{"temp": 21}', toolCallId: 'call_0', toolName: 'get_weather' },
  { role: 'assistant', content: 'Paris: 21 °C.' },
  { role: 'user', content: 'And Oslo and Rome?' },
  {
    role: 'assistant',
    content: 'Checking.',
    toolCalls: [call('call_1', 'Oslo'), { ...call('call_2', 'Rome'), index: 1 }],
  },
  { role: 'tool', content: '{"temp": 3}', toolCallId: 'call_1', toolName: 'get_weather' },
  { role: 'tool', content: 'error: timeout', toolCallId: 'call_2', toolName: 'get_weather', isError: true },
];

const chatmlWithTools =
  '<|im_start|>system\nBe brief.\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n' +
  `You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n${schema}\n</tools>\n\n` +
  'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n' +
  '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call><|im_end|>\n' +
  '<|im_start|>user\nWeather in Paris?<|im_end|>\n' +
  '<|im_start|>assistant\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call><|im_end|>\n' +
  '<|im_start|>user\n<tool_response>\n{"temp": 21}\n</tool_response><|im_end|>\n' +
  '<|im_start|>assistant\nParis: 21 °C.<|im_end|>\n' +
  '<|im_start|>user\nAnd Oslo and Rome?<|im_end|>\n' +
  '<|im_start|>assistant\nChecking.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n' +
  '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome"}}\n</tool_call><|im_end|>\n' +
  '<|im_start|>user\n<tool_response>\n{"temp": 3}\n</tool_response>\n<tool_response>\nerror: timeout\n</tool_response><|im_end|>\n' +
  '<|im_start|>assistant\n';

describe('tools through the chat template', () => {
  it('ChatML: the tools in the system block, calls as <tool_call>, results as <tool_response>, as Qwen writes them', () => {
    expect(renderChatPrompt(conversation, 'chatml', 'chatml', tools)).toEqual({
      prompt: chatmlWithTools,
      stop: ['<|im_end|>'],
    });
  });

  it("ChatML gives the same bytes as Qwen 2.5's own template pasted in", () => {
    expect(renderChatPrompt(conversation, qwen25, 'chatml', tools).prompt).toBe(chatmlWithTools);
  });

  it('a pasted template that uses `tools` gets them, the calls and the results', () => {
    const custom =
      '{% for t in tools %}[tool {{ t.function.name }}]{% endfor %}' +
      "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% if m.tool_calls %}{% for c in m.tool_calls %}[call {{ c.id }} {{ c.function.name }} {{ c.function.arguments.city }}]{% endfor %}{% endif %}{% if m.role == 'tool' %}[for {{ m.tool_call_id }} {{ m.name }}]{% endif %}<|end|>{% endfor %}";
    const { prompt } = renderChatPrompt(conversation.slice(1, 4), custom, 'chatml', tools);
    expect(prompt).toBe(
      '[tool get_weather]<|user|>Weather in Paris?<|end|><|assistant|>[call call_0 get_weather Paris]<|end|><|tool|>{"temp": 21}[for call_0 get_weather]<|end|>',
    );
  });

  it('Llama 3: the layout of Llama 3.1 (ipython environment, tools in the first user message, JSON calls, ipython results)', () => {
    const { prompt, stop } = renderChatPrompt(conversation.slice(0, 4), 'llama3', 'chatml', tools);
    const indented = JSON.stringify(JSON.parse(schema), null, 4);
    expect(prompt).toBe(
      '<|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nBe brief.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nGiven the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n' +
        'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.Do not use variables.\n\n' +
        `${indented}\n\nWeather in Paris?<|eot_id|>` +
        '<|start_header_id|>assistant<|end_header_id|>\n\n{"name": "get_weather", "parameters": {"city": "Paris"}}<|eot_id|>' +
        '<|start_header_id|>ipython<|end_header_id|>\n\n{"temp": 21}<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    expect(stop).toEqual(['<|eot_id|>']);
  });

  it('a partial answer after a tool round is continued, left open', () => {
    const { prompt } = renderChatPrompt(conversation.slice(0, 5), 'chatml', 'chatml', tools);
    expect(prompt.endsWith('</tool_response><|im_end|>\n<|im_start|>assistant\nParis: 21 °C.')).toBe(true);
  });

  it('without tools, ChatML and Llama 3 render as before, tool turns included', () => {
    const plain = [conversation[1]!, { role: 'assistant' as const, content: 'Hi' }];
    expect(renderChatPrompt(plain, 'chatml', 'chatml', []).prompt).toBe(
      '<|im_start|>user\nWeather in Paris?<|im_end|>\n<|im_start|>assistant\nHi',
    );
    expect(renderChatPrompt(conversation.slice(1, 4), 'llama3').prompt).toContain(
      '<|start_header_id|>ipython<|end_header_id|>\n\n{"temp": 21}<|eot_id|>',
    );
  });

  it.each(['mistral', 'gemma'])('%s knows no tools: they, the calls and the results reach it as text', (preset) => {
    const { prompt } = renderChatPrompt(conversation.slice(0, 5), preset, 'chatml', tools);
    expect(prompt).toContain('# Tools\n\nYou may call one or more functions');
    expect(prompt).toContain(schema);
    expect(prompt).toContain('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>');
    expect(prompt).toContain('<tool_response>\n{"temp": 21}\n</tool_response>');
  });

  it('a pasted template without `tools` gets them as text too', () => {
    const plain = '{% for m in messages %}<|{{ m.role }}|>{{ m.content }}<|end|>{% endfor %}';
    const { prompt } = renderChatPrompt(conversation.slice(0, 4), plain, 'chatml', tools);
    expect(prompt.startsWith('<|system|>Be brief.\n\n# Tools')).toBe(true);
    expect(prompt).toContain('<|assistant|><tool_call>\n{"name": "get_weather"');
    expect(prompt.endsWith('<|user|><tool_response>\n{"temp": 21}\n</tool_response><|end|>')).toBe(true);
  });
});

describe('flattenToolTurns', () => {
  it('rendered with plain ChatML, it is exactly what the ChatML preset renders with tools', () => {
    const plainChatml =
      "{% for m in messages %}{{ '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}{% endfor %}{{ '<|im_start|>assistant\\n' }}";
    expect(renderChatPrompt(flattenToolTurns(conversation, tools), plainChatml).prompt).toBe(chatmlWithTools);
  });

  it('offers the tools as a system turn of its own when there is no system prompt, and leaves other turns alone', () => {
    const flat = flattenToolTurns(conversation.slice(1, 2), tools);
    expect(flat).toHaveLength(2);
    expect(flat[0]).toMatchObject({ role: 'system', content: expect.stringMatching(/^# Tools/) });
    expect(flat[1]).toBe(conversation[1]);
    expect(flattenToolTurns(conversation.slice(1, 2))).toEqual(conversation.slice(1, 2));
  });

  it('writes arguments that are not JSON as they are', () => {
    expect(toolCallText({ index: 0, id: 'x', name: 'f', arguments: 'not json' })).toBe(
      '<tool_call>\n{"name": "f", "arguments": not json}\n</tool_call>',
    );
  });
});
