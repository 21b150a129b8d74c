// A fake Ollama server (native API: /api/chat as NDJSON, /api/tags, /api/version) for Runnel's
// tests: routes and request checks on the shared plumbing of fake-http-server.ts. The requested
// model picks the behaviour (see ollama-behaviours.ts).
import { createHash } from 'node:crypto';
import { startFakeHttpServer, type FakeServer, type FakeServerOptions } from './fake-http-server';
import { countPromptTokens } from './fake-replies';
import { asRecord, sendJson, sendText } from './http-json';
import { StatusFaults } from './status-faults';
import { ollamaToolTurns, playOllamaTools } from './ollama-tools';
import {
  OLLAMA_FAKE_MODELS,
  handleOllamaChat,
  resolveOllamaModel,
  type OllamaChatRequest,
  type OllamaDoneStats,
} from './ollama-behaviours';

export {
  OLLAMA_FAKE_MODELS,
  expectedOllamaText,
  expectedOllamaThinking,
  type OllamaDoneStats,
  type OllamaFakeModelId,
} from './ollama-behaviours';
export type { ClientAbort, RecordedRequest } from './fake-http-server';

export const FAKE_OLLAMA_VERSION = '0.12.0';

/** `baseUrl` is the server root, e.g. http://127.0.0.1:PORT (the native API lives under /api). */
export interface FakeOllamaServer extends FakeServer {
  /** The statistics of every `done: true` answer sent, in order (durations in nanoseconds). */
  doneStats: OllamaDoneStats[];
}

/** Ollama has no API keys. */
export type FakeOllamaServerOptions = Omit<FakeServerOptions, 'apiKey'>;

const routes: Record<string, string[]> = {
  '/': ['GET', 'HEAD'],
  '/api/version': ['GET'],
  '/api/tags': ['GET'],
  '/api/chat': ['POST'],
  '/api/show': ['POST'],
};

/** The trained window /api/show reports for every fake model (Llama 3.1's). */
export const FAKE_OLLAMA_TRAINED_CONTEXT = 131072;

export async function startOllamaServer(opts: FakeOllamaServerOptions = {}): Promise<FakeOllamaServer> {
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const modifiedAt = new Date().toISOString();
  const doneStats: OllamaDoneStats[] = [];
  // Ollama never sends Retry-After: clients back off on their own.
  const faults = new StatusFaults(false);
  const recordDone = (stats: OllamaDoneStats): void => {
    doneStats.push(stats);
  };
  const tag = (m: (typeof OLLAMA_FAKE_MODELS)[number]) => ({
    name: `${m.id}:latest`,
    model: `${m.id}:latest`,
    modified_at: modifiedAt,
    size: 4_920_753_328,
    digest: createHash('sha256').update(m.id).digest('hex'),
    details: {
      parent_model: '',
      format: 'gguf',
      family: 'llama',
      families: ['llama'],
      parameter_size: '8.0B',
      quantization_level: 'Q4_K_M',
    },
  });

  const server = await startFakeHttpServer({
    host: opts.host,
    port: opts.port,
    basePath: '',
    name: 'fake ollama',
    route(req, res, start) {
      const methods = routes[req.path];
      // Ollama's router (gin) answers unknown routes and wrong methods in plain text.
      if (methods === undefined) return sendText(res, 404, '404 page not found');
      if (!methods.includes(req.method)) return sendText(res, 405, '405 method not allowed');
      if (req.path === '/') return sendText(res, 200, 'Ollama is running');
      if (req.path === '/api/version') return sendJson(res, 200, { version: FAKE_OLLAMA_VERSION });
      if (req.path === '/api/tags') return sendJson(res, 200, { models: OLLAMA_FAKE_MODELS.map(tag) });
      if (req.path === '/api/show') {
        // The model's facts: the trained window is model_info["<arch>.context_length"].
        return sendJson(res, 200, {
          parameters: 'stop "<|eot_id|>"',
          details: { format: 'gguf', family: 'llama', parameter_size: '8.0B', quantization_level: 'Q4_K_M' },
          model_info: {
            'general.architecture': 'llama',
            'general.parameter_count': 8_030_261_248,
            'llama.context_length': FAKE_OLLAMA_TRAINED_CONTEXT,
            'llama.embedding_length': 4096,
          },
          capabilities: ['completion', 'tools'],
        });
      }

      if (req.rawBody.trim() !== '' && req.body === null) {
        return sendJson(res, 400, { error: 'invalid character looking for beginning of value' });
      }
      const parsed = parseChatRequest(req.body);
      if (typeof parsed === 'string') return sendJson(res, 400, { error: parsed });
      const model = resolveOllamaModel(parsed.name);
      if (model === undefined) {
        return sendJson(res, 404, { error: `model "${parsed.name}" not found, try pulling it first` });
      }
      const exchange = { request: { ...parsed, model }, tokenDelayMs, recordDone, faults };
      if (model === 'fake-tools') {
        const toolTurns = ollamaToolTurns(req.body);
        if (toolTurns.problem) return sendJson(res, 400, { error: toolTurns.problem });
        return start(model, { ...exchange, toolTurns }, playOllamaTools);
      }
      start(model, exchange, handleOllamaChat);
    },
  });
  return Object.assign(server, { doneStats });
}

/** Validates the parts of the body the fakes use, with Ollama's words; returns an error message otherwise. */
function parseChatRequest(body: unknown): Omit<OllamaChatRequest, 'model'> | string {
  const fields = asRecord(body);
  if (!fields) return 'model is required';
  const { model, messages, stream } = fields;
  if (typeof model !== 'string' || model === '') return 'model is required';
  if (messages !== undefined && !Array.isArray(messages)) return 'messages must be an array';
  const list: unknown[] = Array.isArray(messages) ? messages : [];
  const text = (m: unknown): string => {
    const content = asRecord(m)?.['content'];
    return typeof content === 'string' ? content : '';
  };
  const lastUser = [...list].reverse().find((m) => asRecord(m)?.['role'] === 'user');
  return {
    name: model,
    // Ollama streams unless told `stream: false`.
    stream: stream !== false,
    lastUserMessage: text(lastUser),
    promptTokens: countPromptTokens(list.map(text)),
  };
}
