// How the fakes report a model's context window, count tokens and refuse a request that is too
// long, each in the shape of the real server it stands for:
//   llama.cpp  GET /props {default_generation_settings: {n_ctx}}; POST /tokenize {content} → {tokens};
//              a prompt of n_ctx tokens or more: 400 exceed_context_size_error
//   vLLM       GET /v1/models data[].max_model_len (owned_by "vllm"); POST /tokenize {model, prompt} →
//              {count, max_model_len, tokens}; prompt + max_tokens over the window: 400 BadRequestError
//   LM Studio  GET /api/v0/models/{id} {max_context_length, loaded_context_length}
//   TGI        GET /info {max_input_tokens, max_total_tokens}
// `reported` lets a fake report one window and enforce another (a server whose window changed).
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server';
import { tokenize } from './fake-replies';
import { asRecord, openAiError, sendJson } from './http-json';

export interface FakeContext {
  style: 'llama.cpp' | 'vllm' | 'lmstudio' | 'tgi';
  /** The window the fake enforces. */
  nCtx: number;
  /** The window it reports, when it differs. */
  reported?: number;
  /** llama.cpp before it named the sizes: "the request exceeds the available context size, try increasing it". */
  oldWords?: boolean;
}

const ids = (text: string): number[] => tokenize(text).map((_, i) => 1000 + i);

/** Answers the window and tokenizer routes of `ctx.style`; false for any other request. */
export function contextRoute(
  ctx: FakeContext,
  req: RecordedRequest,
  res: ServerResponse,
  models: readonly { id: string }[],
): boolean {
  const shown = ctx.reported ?? ctx.nCtx;
  const body = asRecord(req.body) ?? {};
  if (ctx.style === 'llama.cpp') {
    if (req.method === 'GET' && req.path === '/props') {
      sendJson(res, 200, {
        default_generation_settings: { n_ctx: shown, params: { n_predict: -1, temperature: 0.8 } },
        total_slots: 1,
        model_path: '/models/fake.gguf',
        build_info: 'b6881-fake',
      });
      return true;
    }
    if (req.method === 'POST' && req.path === '/tokenize') {
      sendJson(res, 200, { tokens: ids(typeof body['content'] === 'string' ? body['content'] : '') });
      return true;
    }
  }
  if (ctx.style === 'vllm') {
    if (req.method === 'GET' && req.path === '/v1/models') {
      const data = models.map((m) => ({ id: m.id, object: 'model', owned_by: 'vllm', max_model_len: shown }));
      sendJson(res, 200, { object: 'list', data });
      return true;
    }
    if (req.method === 'POST' && req.path === '/tokenize') {
      const tokens = ids(typeof body['prompt'] === 'string' ? body['prompt'] : '');
      sendJson(res, 200, { count: tokens.length, max_model_len: shown, tokens });
      return true;
    }
  }
  if (ctx.style === 'lmstudio' && req.method === 'GET' && req.path.startsWith('/api/v0/models/')) {
    const id = decodeURIComponent(req.path.slice('/api/v0/models/'.length));
    sendJson(res, 200, {
      id,
      object: 'model',
      type: 'llm',
      state: 'loaded',
      max_context_length: shown * 4,
      loaded_context_length: shown,
    });
    return true;
  }
  if (ctx.style === 'tgi' && req.method === 'GET' && req.path === '/info') {
    sendJson(res, 200, { model_id: models[0]?.id ?? 'fake', max_input_tokens: shown - 1, max_total_tokens: shown });
    return true;
  }
  return false;
}

/** The refusal the real server sends for a request this long, or null when it fits. */
export function contextRefusal(
  ctx: FakeContext,
  promptTokens: number,
  maxTokens: number | null,
): { status: number; body: unknown } | null {
  if (ctx.style === 'llama.cpp') {
    if (promptTokens < ctx.nCtx) return null;
    if (ctx.oldWords) {
      const message = 'the request exceeds the available context size, try increasing it';
      return { status: 400, body: { error: { code: 400, message, type: 'exceed_context_size_error' } } };
    }
    return {
      status: 400,
      body: {
        error: {
          code: 400,
          message: `request (${promptTokens} tokens) exceeds the available context size (${ctx.nCtx} tokens), try increasing it`,
          type: 'exceed_context_size_error',
          n_prompt_tokens: promptTokens,
          n_ctx: ctx.nCtx,
        },
      },
    };
  }
  const completion = maxTokens ?? 0;
  if (promptTokens + completion <= ctx.nCtx) return null;
  return {
    status: 400,
    body: openAiError(
      `This model's maximum context length is ${ctx.nCtx} tokens. However, you requested ${promptTokens + completion} tokens (${promptTokens} in the messages, ${completion} in the completion). Please reduce the length of the messages or completion.`,
      'BadRequestError',
      400,
    ),
  };
}
