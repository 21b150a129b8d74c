// The prompt-only kinds carry tools in the prompt: KoboldCpp and Triton through their chat
// template (the option's preset or pasted Jinja), RunPod (whose worker renders the messages itself)
// as text in the messages; all say so with carriesTools: 'prompt'.
import { describe, expect, it } from 'vitest';
import type { PollStreamPlan } from '../../transports/types';
import { koboldCppAdapter } from '../koboldcpp/koboldcpp-adapter';
import { runPodAdapter } from '../runpod/runpod-adapter';
import { tritonRequest } from '../triton-grpc/triton-grpc-adapter';
import { tritonGrpcAdapter } from '../triton-grpc/triton-grpc-adapter';
import { toolCarriage, type BackendTarget, type ChatInput } from '../types';
import { renderChatPrompt } from './chat-template';

const input: ChatInput = {
  model: 'qwen',
  params: {},
  tools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }],
  messages: [
    { role: 'user', content: 'Weather in Paris?' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [{ index: 0, id: 'call_0', name: 'get_weather', arguments: '{"city":"Paris"}' }],
    },
    { role: 'tool', content: '{"temp": 21}', toolCallId: 'call_0', toolName: 'get_weather' },
  ],
};
const target = (kind: BackendTarget['kind'], options: Record<string, string> = {}): BackendTarget => ({
  kind,
  baseUrl: 'http://127.0.0.1:1',
  apiKey: null,
  http: 'auto',
  options,
});

describe('prompt-only kinds and tools', () => {
  it('say they carry tools in the prompt', () => {
    for (const adapter of [koboldCppAdapter, tritonGrpcAdapter, runPodAdapter])
      expect(toolCarriage(adapter)).toBe('prompt');
  });

  it('KoboldCpp renders them with its template (ChatML by default, or the preset set)', () => {
    for (const chatTemplate of ['', 'llama3']) {
      const plan = koboldCppAdapter.plan(input, target('koboldcpp', { chatTemplate })) as PollStreamPlan;
      const { prompt } = JSON.parse(plan.body!) as { prompt: string };
      expect(prompt).toBe(renderChatPrompt(input.messages, chatTemplate, 'chatml', input.tools).prompt);
      expect(prompt).toContain('"name": "get_weather"');
    }
  });

  it('Triton renders them into text_input', () => {
    const request = tritonRequest(input, target('triton-grpc'), 'r1');
    const text = new TextDecoder().decode(request.inputs[0]!.contents.bytes![0]);
    expect(text).toBe(renderChatPrompt(input.messages, undefined, 'chatml', input.tools).prompt);
    expect(text).toContain('<tool_response>\n{"temp": 21}\n</tool_response>');
  });

  it('RunPod sends them as text in the messages, with the calls and results', () => {
    const plan = runPodAdapter.plan(input, target('runpod')) as PollStreamPlan;
    const { messages } = (JSON.parse(plan.body!) as { input: { messages: { role: string; content: string }[] } }).input;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toMatch(/^# Tools\n/);
    expect(messages[2]!.content).toBe(
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
    );
    expect(messages[3]!.content).toBe('<tool_response>\n{"temp": 21}\n</tool_response>');
  });
});
