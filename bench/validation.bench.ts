// Request validation at the IPC boundary: the contract's zod schemas (what the core runs) against
// the hand-written schema toolkit they replaced (hand-written-schemas.ts, the old schemas rebuilt
// below), on realistic inputs of the busiest and the largest requests, valid and refused.
import { requestSchemas } from '../src/shared/ipc/request-schemas';
import { describeInvalidInput } from '../src/shared/ipc/invalid-input';
import { ZodError } from 'zod';
import type { RequestChannel } from '../src/shared/ipc/contract';
import {
  array,
  id,
  literal,
  nullable,
  number,
  object,
  optional,
  string,
  stringMap,
  type Schema,
} from './hand-written-schemas';
import { backendKinds, httpModes } from '../src/shared/domain';

// ---- the baseline: the old contract's schemas for the channels measured ----

const oldParams = object({
  temperature: optional(number({ min: 0, max: 5 })),
  topP: optional(number({ min: 0, max: 1 })),
  maxTokens: optional(number({ min: 1, max: 10_000_000, integer: true })),
  seed: optional(number({ integer: true })),
});
const oldSettings = object({ systemPrompt: string({ max: 200_000 }), params: oldParams });
const oldBackend = object({
  name: string({ min: 1, max: 200 }),
  kind: literal(backendKinds),
  baseUrl: string({ min: 1, max: 2048 }),
  apiKey: optional(nullable(string({ max: 4096 }))),
  defaultModel: optional(nullable(string({ max: 500 }))),
  http: optional(literal(httpModes)),
  tlsCa: optional(nullable(string({ max: 64 * 1024 }))),
  options: optional(stringMap()),
  headers: optional(
    array(object({ name: string({ min: 1, max: 256 }), value: optional(string({ max: 8192 })) }), { max: 50 }),
  ),
  connectTimeoutMs: optional(nullable(number({ min: 1_000, max: 600_000, integer: true }))),
  idleTimeoutMs: optional(nullable(number({ min: 1_000, max: 3_600_000, integer: true }))),
  defaultParams: optional(oldParams),
});
const oldSchemas: Partial<Record<RequestChannel, Schema<unknown>>> = {
  'generation:start': object({
    conversationId: nullable(id()),
    backendId: id(),
    model: string({ min: 1, max: 500 }),
    content: string({ min: 0, max: 1_000_000 }),
    params: optional(oldParams),
    attachments: optional(array(id(), { max: 10 })),
    settings: optional(oldSettings),
  }),
  'conversations:get': object({
    id: id(),
    through: optional(id()),
    tail: optional(number({ min: 1, max: 10_000, integer: true })),
  }),
  'backends:save': object({ id: optional(id()), backend: oldBackend }),
  'data:upload-chunk': object({
    uploadId: id(),
    file: number({ min: 0, max: 1999, integer: true }),
    offset: number({ min: 0, integer: true }),
    data: string({ min: 1, max: 1_500_000 }),
  }),
};

// ---- realistic inputs ----

const uuid = (n: number) => `0190f3a2-7c1e-7b3a-9f2d-${String(n).padStart(12, '0')}`;
const question =
  'Could you explain how the borrow checker decides when a mutable reference may be taken while an ' +
  'immutable one is still alive, with a short example in Rust and the error message it gives? ';
const cases: { name: string; channel: RequestChannel; input: unknown; valid: boolean }[] = [
  {
    name: 'generation:start, a message in an open conversation',
    channel: 'generation:start',
    valid: true,
    input: {
      conversationId: uuid(1),
      backendId: uuid(2),
      model: 'Qwen/Qwen2.5-7B-Instruct',
      content: question.repeat(4),
      params: { temperature: 0.7, topP: 0.9, maxTokens: 2048 },
    },
  },
  {
    name: 'generation:start, a new conversation with settings and 2 files',
    channel: 'generation:start',
    valid: true,
    input: {
      conversationId: null,
      backendId: uuid(2),
      model: 'llama3.1:8b',
      content: question,
      params: { temperature: 0.2, seed: 42 },
      attachments: [uuid(3), uuid(4)],
      settings: { systemPrompt: 'You are a careful reviewer. '.repeat(20), params: { maxTokens: 4096 } },
    },
  },
  {
    name: 'generation:start, refused (an id with a slash)',
    channel: 'generation:start',
    valid: false,
    input: { conversationId: '../etc', backendId: uuid(2), model: 'm', content: 'hi' },
  },
  {
    name: 'conversations:get',
    channel: 'conversations:get',
    valid: true,
    input: { id: uuid(5), tail: 200 },
  },
  {
    name: 'backends:save, with options and headers',
    channel: 'backends:save',
    valid: true,
    input: {
      id: uuid(6),
      backend: {
        name: 'vLLM on gpu-box',
        kind: 'openai-chat',
        baseUrl: 'https://gpu-box.lan:8000/v1',
        apiKey: 'sk-0123456789abcdef0123456789abcdef',
        defaultModel: 'Qwen/Qwen2.5-7B-Instruct',
        http: 'auto',
        options: { chatTemplate: 'chatml', tritonBackend: 'vllm' },
        headers: [{ name: 'X-Gateway-Token', value: 'abc' }, { name: 'X-Route' }],
        connectTimeoutMs: 10_000,
        idleTimeoutMs: null,
        defaultParams: { temperature: 0.6 },
      },
    },
  },
  {
    name: 'data:upload-chunk, 1.5 MB of base64',
    channel: 'data:upload-chunk',
    valid: true,
    input: { uploadId: uuid(7), file: 0, offset: 1_125_000, data: 'QUJD'.repeat(375_000) },
  },
];

export interface ValidationCase {
  name: string;
  /** Microseconds per request, median of the rounds. */
  zodUs: number;
  baselineUs: number;
}

export interface ValidationResult {
  cases: ValidationCase[];
  /** The hot path: a message sent in an open conversation. */
  generationStart: ValidationCase;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Microseconds per call of `run`, in `rounds` timed loops of about 50 ms each. */
function timePerCall(run: () => void, rounds: number): number[] {
  let n = 1;
  for (let t = 0; t < 5; n *= 2) {
    const start = performance.now();
    for (let i = 0; i < n; i++) run();
    t = performance.now() - start;
  }
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < n * 10; i++) run();
    per.push(((performance.now() - start) * 1000) / (n * 10));
  }
  return per;
}

function check(ok: boolean, name: string, which: string): void {
  if (!ok) throw new Error(`validation bench: ${which} judged "${name}" wrongly`);
}

export function runValidationBench(rounds = 7): ValidationResult {
  const results = cases.map(({ name, channel, input, valid }): ValidationCase => {
    // Each as the core runs it: parse, and on a refusal the message the envelope carries.
    const zodSchema = requestSchemas[channel];
    const zod = () => {
      try {
        zodSchema.parse(input);
        return true;
      } catch (err) {
        if (!(err instanceof ZodError)) throw err;
        return describeInvalidInput(err).length < 0;
      }
    };
    const oldSchema = oldSchemas[channel]!;
    const old = () => {
      try {
        oldSchema(input);
        return true;
      } catch (err) {
        return String((err as Error).message).length < 0;
      }
    };
    check(zod() === valid, name, 'zod');
    check(old() === valid, name, 'the baseline');
    const zodRounds: number[] = [];
    const oldRounds: number[] = [];
    // Alternate the two, so a busy moment on a shared machine falls on both.
    for (let r = 0; r < rounds; r++) {
      zodRounds.push(...timePerCall(zod, 1));
      oldRounds.push(...timePerCall(old, 1));
    }
    return { name, zodUs: median(zodRounds), baselineUs: median(oldRounds) };
  });
  return { cases: results, generationStart: results[0]! };
}
