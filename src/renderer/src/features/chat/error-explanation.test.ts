// An answer's error in plain words, case by case with real servers' words: sentence, advice, settings,
// a pending retry's countdown, a skipped frame as a warning, the code kept for Details.
import { describe, expect, it } from 'vitest';
import { chatError, type ChatError } from '../../../../shared/chat-error';
import { asBackendId } from '../../../../shared/ids';
import { explainError, type ErrorContext } from './error-explanation';
import { errorMessages, headlineText } from './error-messages';

const backend = { id: asBackendId('b1'), name: 'vLLM on gpu-box', baseUrl: 'http://10.0.0.5:8000/v1', hasApiKey: true };
const done: ErrorContext = { pending: false, hasText: false, model: 'qwen3-8b', backend };
const explain = (error: ChatError, context: Partial<ErrorContext> = {}) => explainError(error, { ...done, ...context });
const settings = { id: backend.id, name: backend.name };

describe('explainError', () => {
  it('the context window: a refusal or a question offer Trim and retry; tool results too large do not', () => {
    const full = chatError('invalid_input', 'maximum context length is 512 tokens', {
      contextOverflow: { window: 512 },
    });
    expect(explain(full)).toMatchObject({ headline: 'contextFull', advice: 'trimAndRetry' });
    const asked = { ...full, contextOverflow: { window: 512, asked: true } };
    expect(explain(asked)).toMatchObject({ headline: 'contextAsked', advice: 'trimAndRetry' });
    // Asked before a tool round: the earlier rounds' text was sent and stays, so not "nothing was sent".
    expect(explain(asked, { hasText: true })).toMatchObject({ headline: 'contextFull', advice: 'trimAndRetry' });
    const tooLarge = { ...full, contextOverflow: { window: 512, toolResults: true } };
    expect(explain(tooLarge)).toMatchObject({ headline: 'toolResultsTooLarge', advice: null });
    expect(explain(tooLarge, { hasText: true })).toMatchObject({ headline: 'toolResultsTooLarge', advice: 'keptText' });
  });

  it('a refused key: the sentence, the server’s words, check the key, in that backend’s settings', () => {
    const e = explain(chatError('auth', 'Incorrect API key provided.', { status: 401 }));
    expect(e).toEqual({
      severity: 'error',
      headline: 'keyRefused',
      words: 'Incorrect API key provided.',
      advice: 'checkKey',
      retryInMs: null,
      settingsFor: settings,
      address: backend.baseUrl,
      skipped: 0,
      details: { code: 'auth', status: 401 },
    });
    expect(explain(chatError('auth', 'Forbidden', { status: 403 })).headline).toBe('keyRefused');
  });

  it('a key the server wants and the backend does not have', () => {
    const e = explain(chatError('auth', 'unauthorized', { status: 401 }), {
      backend: { ...backend, hasApiKey: false },
    });
    expect(e).toMatchObject({ headline: 'keyMissing', advice: 'checkKey', settingsFor: settings });
  });

  it.each([
    ['CUDA out of memory. Tried to allocate 2.00 GiB', 'gpuMemory'],
    ['CUDA error: out of memory', 'gpuMemory'],
    ['torch.OutOfMemoryError: CUDA OOM', 'gpuMemory'],
    ['failed to allocate buffer for kv cache', 'gpuMemory'],
    ['model requires more system memory (12.3 GiB) than is available (8.0 GiB)', 'systemMemory'],
  ])('out of memory, in the server’s words “%s”', (words, headline) => {
    const e = explain(chatError('server', words, { status: 500 }));
    expect(e).toMatchObject({
      headline,
      advice: 'freeMemory',
      settingsFor: null,
      details: { code: 'server', status: 500 },
    });
  });

  it.each([
    ['The model `no-such-model` does not exist.'],
    ["model 'no-such-model' not found"],
    ['Request for unknown model: no-such-model is not found'],
    ['qwen3-8b'],
  ])('a model the server does not have: pick another (%s)', (words) => {
    const e = explain(chatError('not_found', words, { status: 404 }));
    expect(e).toMatchObject({ headline: 'modelNotFound', advice: 'pickModel', settingsFor: null });
  });

  it.each([['No WebSocket at /ws'], ['unable to find the requested endpoint'], ['endpoint not found']])(
    'a route the server does not have: check the address and kind (%s)',
    (words) => {
      const e = explain(chatError('not_found', words, { status: 404 }));
      expect(e).toMatchObject({ headline: 'routeNotFound', advice: 'checkAddress', settingsFor: settings });
    },
  );

  it('too many requests: Runnel waits and retries with a countdown, then says to wait and regenerate', () => {
    const error = chatError('rate_limited', 'Too many requests', { status: 429, retryAfterMs: 1000 });
    expect(explain(error, { pending: true })).toMatchObject({
      headline: 'rateLimited',
      advice: 'retrying',
      retryInMs: 1000,
      words: 'Too many requests',
    });
    expect(explain(error)).toMatchObject({ headline: 'rateLimited', advice: 'waitAndRegenerate', retryInMs: null });
  });

  it.each([
    ['Loading model', 'loadingModel'],
    ['server busy, please try again.  maximum pending requests exceeded', 'busy'],
    ['No workers are available', 'busy'],
  ])('503 “%s” reads %s', (words, headline) => {
    const error = chatError('server', words, { status: 503 });
    expect(explain(error)).toMatchObject({ headline, advice: 'waitAndRegenerate', retryInMs: null });
    expect(explain({ ...error, retryAfterMs: 500 }, { pending: true })).toMatchObject({
      headline,
      advice: 'retrying',
      retryInMs: 500,
    });
  });

  it('an out-of-memory 500 being retried still says what happened, and that Runnel tries again', () => {
    const e = explain(chatError('server', 'CUDA out of memory', { status: 500, retryAfterMs: 700 }), { pending: true });
    expect(e).toMatchObject({ headline: 'gpuMemory', advice: 'retrying', retryInMs: 700 });
  });

  it('a server error: in the stream after some text, or as a status', () => {
    const midway = explain(chatError('server', 'The server had an error while processing your request'), {
      hasText: true,
    });
    expect(midway).toMatchObject({ headline: 'serverFailedMidway', advice: 'serverLog', details: { status: null } });
    expect(explain(chatError('server', 'Internal server error', { status: 500 }))).toMatchObject({
      headline: 'serverError',
      advice: 'serverLog',
    });
  });

  it('connection refused: the server is not running at the backend’s address', () => {
    const words = 'Nothing is listening at 10.0.0.5:8000 (connection refused). Is the server running?';
    const e = explain(chatError('connect', words));
    expect(e).toMatchObject({ headline: 'notRunning', advice: 'startServer', settingsFor: settings });
    expect(headlineText(e, errorMessages.en)).toBe('The server is not running at http://10.0.0.5:8000/v1.');
    expect(headlineText(e, errorMessages.zh)).toBe('http://10.0.0.5:8000/v1 上没有正在运行的服务器。');
    expect(explain(chatError('connect', words), { pending: true })).toMatchObject({ advice: 'retrying', retryInMs: 0 });
    // The backend was deleted since: no address to name, no settings to open.
    const orphan = explain(chatError('connect', words), { backend: null });
    expect(orphan).toMatchObject({ settingsFor: null, address: null });
    expect(headlineText(orphan, errorMessages.en)).toBe('The server is not running at that address.');
  });

  it.each([
    ['Cannot resolve host gpu-box', 'hostUnknown', 'checkAddress', true],
    ['Host 10.0.0.5 is unreachable', 'hostUnreachable', 'checkAddress', true],
    ['Request to 10.0.0.5 failed: socket hang up', 'connectFailed', 'checkAddress', true],
  ])('a connection failure “%s” reads %s', (words, headline, advice, withSettings) => {
    expect(explain(chatError('connect', words))).toMatchObject({
      headline,
      advice,
      settingsFor: withSettings ? settings : null,
    });
  });

  it('a connection lost mid-answer keeps the text; before any, regenerate', () => {
    const lost = chatError('connect', '10.0.0.5 closed the connection before the answer was complete');
    expect(explain(lost, { hasText: true })).toMatchObject({ headline: 'connectionLost', advice: 'keptText' });
    expect(explain(lost)).toMatchObject({ headline: 'connectionLost', advice: 'regenerate', settingsFor: null });
  });

  it('TLS: check the certificate in the backend’s settings', () => {
    const e = explain(chatError('tls', 'gpu-box presented a certificate that is not trusted (self-signed)'));
    expect(e).toMatchObject({ headline: 'tls', advice: 'checkCertificate', settingsFor: settings });
  });

  it('timeouts: a server that never answered, and one that went silent', () => {
    expect(explain(chatError('timeout', 'gpu-box did not answer within 30 s'))).toMatchObject({
      headline: 'noAnswer',
      advice: 'regenerate',
    });
    expect(explain(chatError('timeout', 'gpu-box went silent for 60 s'), { hasText: true })).toMatchObject({
      headline: 'wentSilent',
      advice: 'keptText',
    });
  });

  it('a skipped frame in a whole answer is a warning; a protocol error otherwise is not', () => {
    const words = 'The server sent a frame that could not be read (skipped): {"choices": [';
    const skipped = chatError('protocol', words, { skippedFrames: 1 });
    expect(explain(skipped, { hasText: true })).toEqual({
      severity: 'warning',
      headline: 'skippedFrames',
      words,
      advice: null,
      retryInMs: null,
      settingsFor: null,
      address: backend.baseUrl,
      skipped: 1,
      details: { code: 'protocol', status: null },
    });
    const two = explain({ ...skipped, skippedFrames: 2 }, { hasText: true });
    expect(headlineText(two, errorMessages.en)).toBe(
      '2 pieces of the answer could not be read and were skipped; the rest is complete.',
    );
    expect(explain(skipped)).toMatchObject({ severity: 'error', headline: 'unreadable', advice: 'checkKind' });
    expect(explain(chatError('protocol', 'gpu-box answered with something that is not JSON'))).toMatchObject({
      severity: 'error',
      headline: 'unreadable',
    });
    expect(explain(chatError('protocol', 'An event was larger than 8 MiB'), { hasText: true })).toMatchObject({
      headline: 'unreadable',
      advice: 'keptText',
    });
  });

  it('tools refused: by the server or for this model; the fix is in the server’s message', () => {
    const words = 'This vLLM server was started without tool calling … or send without tools.';
    const server = chatError('invalid_input', words, { status: 400, toolsRefused: 'server' });
    expect(explain(server)).toMatchObject({
      headline: 'toolsServer',
      advice: 'fixInMessage',
      words,
      details: { code: 'invalid_input', status: 400 },
    });
    expect(explain({ ...server, toolsRefused: 'model' })).toMatchObject({ headline: 'toolsModel' });
  });

  it('a refused request, a failure inside Runnel, a cancelled request', () => {
    expect(explain(chatError('invalid_input', 'max_tokens must be at least 1', { status: 400 }))).toMatchObject({
      headline: 'requestRefused',
      advice: null,
    });
    expect(explain(chatError('internal', 'boom'))).toMatchObject({ headline: 'internal', advice: 'regenerate' });
    expect(explain(chatError('cancelled', 'Aborted'))).toMatchObject({ headline: 'cancelled', advice: null });
  });

  it('keeps the server’s words as they came, only trimmed', () => {
    expect(explain(chatError('server', '  <b>not html</b>\n', { status: 500 })).words).toBe('<b>not html</b>');
  });
});
