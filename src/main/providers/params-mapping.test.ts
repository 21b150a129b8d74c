// A conversation's temperature, top_p, max tokens and seed reach every kind's request under the
// names its API uses; where an API has no such knob, nothing unknown is sent (a strict server
// would refuse the whole request).
import { describe, expect, it } from 'vitest';
import type { GenerationParams } from '../../shared/domain';
import { anthropicAdapter } from './anthropic/anthropic-adapter';
import { koboldCppAdapter } from './koboldcpp/koboldcpp-adapter';
import { ollamaAdapter } from './ollama/ollama-adapter';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import { openAiRealtimeAdapter } from './openai-realtime/openai-realtime-adapter';
import { openAiResponsesAdapter } from './openai-responses/openai-responses-adapter';
import { runPodAdapter } from './runpod/runpod-adapter';
import { tritonGrpcAdapter } from './triton-grpc/triton-grpc-adapter';
import { decodeInferRequest } from './triton-grpc/triton-proto';
import type { BackendTarget, ChatInput, ProviderAdapter } from './types';
import { webSocketJsonAdapter } from './websocket-json/websocket-json-adapter';

const params: Required<GenerationParams> = { temperature: 0.3, topP: 0.85, maxTokens: 77, seed: 1234 };
const input: ChatInput = { model: 'm', messages: [{ role: 'user', content: 'Hi' }], params };

const target = (kind: BackendTarget['kind'], options: Record<string, string> = {}): BackendTarget => ({
  kind,
  baseUrl: 'http://h:1/v1',
  apiKey: null,
  http: 'auto',
  options,
});

function body(adapter: ProviderAdapter, backend: BackendTarget): Record<string, unknown> {
  const plan = adapter.plan(input, backend);
  if ('body' in plan && typeof plan.body === 'string') return JSON.parse(plan.body) as Record<string, unknown>;
  if (plan.framing === 'websocket') {
    return Object.assign({}, ...plan.send.map((s) => JSON.parse(s) as Record<string, unknown>));
  }
  throw new Error('no JSON request');
}

describe('sampling parameters on the wire', () => {
  it('openai-chat: temperature, top_p, max_tokens, seed', () => {
    expect(body(openAiChatAdapter, target('openai-chat'))).toMatchObject({
      temperature: 0.3,
      top_p: 0.85,
      max_tokens: 77,
      seed: 1234,
    });
  });

  it('ollama: all four in options, with llama.cpp’s names', () => {
    expect(body(ollamaAdapter, target('ollama')).options).toEqual({
      temperature: 0.3,
      top_p: 0.85,
      num_predict: 77,
      seed: 1234,
    });
  });

  it('koboldcpp: max_length, temperature, top_p, sampler_seed', () => {
    expect(body(koboldCppAdapter, target('koboldcpp'))).toMatchObject({
      max_length: 77,
      temperature: 0.3,
      top_p: 0.85,
      sampler_seed: 1234,
    });
  });

  it('runpod (worker-vllm): all four in sampling_params', () => {
    expect((body(runPodAdapter, target('runpod')).input as Record<string, unknown>).sampling_params).toEqual({
      max_tokens: 77,
      temperature: 0.3,
      top_p: 0.85,
      seed: 1234,
    });
  });

  it('anthropic and the Responses API: the three they have; neither takes a seed', () => {
    const messages = body(anthropicAdapter, target('anthropic'));
    expect(messages).toMatchObject({ temperature: 0.3, top_p: 0.85, max_tokens: 77 });
    expect(messages).not.toHaveProperty('seed');
    const responses = body(openAiResponsesAdapter, target('openai-responses'));
    expect(responses).toMatchObject({ temperature: 0.3, top_p: 0.85, max_output_tokens: 77 });
    expect(responses).not.toHaveProperty('seed');
  });

  it('realtime: the output limit on response.create', () => {
    const plan = openAiRealtimeAdapter.plan(input, target('openai-realtime'));
    if (plan.framing !== 'websocket') throw new Error('not a WebSocket plan');
    const create = plan.send
      .map((s) => JSON.parse(s) as { type: string; response?: object })
      .find((m) => m.type === 'response.create');
    expect(create?.response).toMatchObject({ max_output_tokens: 77 });
  });

  it('websocket-json: {{params}} in the request template', () => {
    const backend = target('websocket-json', { requestTemplate: '{"model": "{{model}}", "options": {{params}}}' });
    expect(body(webSocketJsonAdapter, backend)).toEqual({
      model: 'm',
      options: { temperature: 0.3, top_p: 0.85, max_tokens: 77, seed: 1234 },
    });
  });

  it.each(['vllm', 'tensorrtllm'])('triton-grpc (%s backend): all four', (tritonBackend) => {
    const plan = tritonGrpcAdapter.plan(input, target('triton-grpc', { tritonBackend }));
    if (plan.framing !== 'grpc') throw new Error('not gRPC');
    const request = decodeInferRequest(plan.send[0]!);
    const named = (name: string) => request.inputs.find((i) => i.name === name)?.contents;
    if (tritonBackend === 'vllm') {
      const sampling = JSON.parse(new TextDecoder().decode(named('sampling_parameters')?.bytes?.[0])) as object;
      expect(sampling).toMatchObject({ max_tokens: 77, temperature: 0.3, top_p: 0.85, seed: 1234 });
    } else {
      expect(named('max_tokens')?.int).toEqual([77]);
      expect(named('temperature')?.fp32?.[0]).toBeCloseTo(0.3);
      expect(named('top_p')?.fp32?.[0]).toBeCloseTo(0.85);
      expect(named('random_seed')?.uint64).toEqual([1234n]);
    }
  });
});
