// What each kind that can continue an answer puts on the wire when the turns end with the
// assistant's partial answer: a prefill in the API's own terms, and nothing of it on a normal turn.
import { describe, expect, it } from 'vitest';
import { anthropicAdapter } from './anthropic/anthropic-adapter';
import { koboldCppAdapter } from './koboldcpp/koboldcpp-adapter';
import { ollamaAdapter } from './ollama/ollama-adapter';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import { MODEL_STREAM_INFER, tritonGrpcAdapter } from './triton-grpc/triton-grpc-adapter';
import { decodeInferRequest } from './triton-grpc/triton-proto';
import type { BackendTarget, ChatInput, ChatTurn, ProviderAdapter } from './types';

const history: ChatTurn[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Why is the sky blue?' },
];
const cut: ChatInput = {
  model: 'm',
  messages: [...history, { role: 'assistant', content: 'Because of Rayleigh ' }],
  params: { maxTokens: 64 },
};
const fresh: ChatInput = { ...cut, messages: history };

const target = (kind: BackendTarget['kind'], baseUrl: string, options = {}): BackendTarget => ({
  kind,
  baseUrl,
  apiKey: null,
  http: 'auto',
  options,
});

function jsonBody(adapter: ProviderAdapter, input: ChatInput, backend: BackendTarget): Record<string, unknown> {
  const plan = adapter.plan(input, backend);
  if (!('body' in plan) || typeof plan.body !== 'string') throw new Error('no JSON body');
  return JSON.parse(plan.body) as Record<string, unknown>;
}

describe('continue request shapes', () => {
  it('openai-chat sends the partial answer last, with vLLM’s continue_final_message and no generation prompt', () => {
    const backend = target('openai-chat', 'http://h/v1');
    const body = jsonBody(openAiChatAdapter, cut, backend);
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Why is the sky blue?' },
      { role: 'assistant', content: 'Because of Rayleigh ' },
    ]);
    expect(body).toMatchObject({ continue_final_message: true, add_generation_prompt: false, max_tokens: 64 });
    const normal = jsonBody(openAiChatAdapter, fresh, backend);
    expect(normal).not.toHaveProperty('continue_final_message');
    expect(normal).not.toHaveProperty('add_generation_prompt');
  });

  it('anthropic prefills natively: the last message is the assistant’s, without trailing whitespace', () => {
    const body = jsonBody(anthropicAdapter, cut, target('anthropic', 'http://h'));
    expect(body.system).toBe('Be brief.');
    expect(body.messages).toEqual([
      { role: 'user', content: 'Why is the sky blue?' },
      { role: 'assistant', content: 'Because of Rayleigh' },
    ]);
    // Earlier answers keep their text as it is.
    const earlier = jsonBody(
      anthropicAdapter,
      { ...fresh, messages: [...history, { role: 'assistant', content: 'A. ' }, { role: 'user', content: 'More' }] },
      target('anthropic', 'http://h'),
    );
    expect((earlier.messages as { content: string }[])[1]?.content).toBe('A. ');
  });

  it('ollama ends the messages with the partial answer, which it continues', () => {
    const body = jsonBody(ollamaAdapter, cut, target('ollama', 'http://h:11434'));
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Why is the sky blue?' },
      { role: 'assistant', content: 'Because of Rayleigh ' },
    ]);
  });

  it('koboldcpp renders the template with the answer left open', () => {
    const body = jsonBody(koboldCppAdapter, cut, target('koboldcpp', 'http://h:5001'));
    expect(body.prompt).toBe(
      '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhy is the sky blue?<|im_end|>\n<|im_start|>assistant\nBecause of Rayleigh ',
    );
    expect(body.stop_sequence).toEqual(['<|im_end|>']);
  });

  it('triton-grpc sends the open prompt as text_input (Llama 3 template)', () => {
    const plan = tritonGrpcAdapter.plan(cut, target('triton-grpc', 'http://h:8001', { chatTemplate: 'llama3' }));
    if (plan.framing !== 'grpc') throw new Error('not gRPC');
    expect(plan.path).toBe(MODEL_STREAM_INFER);
    const request = decodeInferRequest(plan.send[0]!);
    const text = request.inputs.find((i) => i.name === 'text_input')?.contents.bytes?.[0];
    expect(new TextDecoder().decode(text)).toMatch(
      /<\|start_header_id\|>assistant<\|end_header_id\|>\n\nBecause of Rayleigh $/,
    );
  });
});
