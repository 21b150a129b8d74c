// An answer's error in plain words, as catalog keys (error-messages.ts): a sentence, the server's own
// words, what to do and whose settings fix it, the internal code for Details. Pure.
import type { ChatError, ErrorCode } from '../../../../shared/chat-error';
import type { Backend } from '../../../../shared/domain';
import { errorWords } from '../../i18n/error-text';
import type { Language } from '../../i18n/languages';

/** The first sentence: what happened, in plain words. Keys of `errorMessages`. */
export type ErrorHeadline =
  | 'keyRefused'
  | 'keyMissing'
  | 'gpuMemory'
  | 'systemMemory'
  | 'modelNotFound'
  | 'routeNotFound'
  | 'busy'
  | 'rateLimited'
  | 'loadingModel'
  | 'serverError'
  | 'serverFailedMidway'
  | 'notRunning'
  | 'hostUnknown'
  | 'hostUnreachable'
  | 'connectionLost'
  | 'connectFailed'
  | 'tls'
  | 'noAnswer'
  | 'wentSilent'
  | 'unreadable'
  | 'skippedFrames'
  | 'toolsServer'
  | 'toolsModel'
  | 'contextFull'
  | 'contextAsked'
  | 'toolResultsTooLarge'
  | 'requestRefused'
  | 'internal'
  | 'cancelled';

/** What to do about it. Keys of `errorMessages`. */
export type ErrorAdvice =
  | 'checkKey'
  | 'pickModel'
  | 'checkAddress'
  | 'startServer'
  | 'retrying'
  | 'waitAndRegenerate'
  | 'freeMemory'
  | 'serverLog'
  | 'regenerate'
  | 'keptText'
  | 'checkCertificate'
  | 'checkKind'
  | 'fixInMessage'
  | 'trimAndRetry';

export interface ErrorExplanation {
  /** A warning: the answer is whole (a skipped frame); nothing failed. */
  severity: 'error' | 'warning';
  headline: ErrorHeadline;
  /** The server's (or the connection's) own words, as they came. */
  words: string;
  advice: ErrorAdvice | null;
  /** Runnel tries again after this many ms, counted from when the retry was announced. */
  retryInMs: number | null;
  /** The backend whose settings hold the fix (key, address, certificate): offered as a button. */
  settingsFor: Pick<Backend, 'id' | 'name'> | null;
  /** Where the server should be running (the backend's Base URL), for "not running at …". */
  address: string | null;
  /** Frames skipped in a whole answer (a warning). */
  skipped: number;
  /** The internal code and status, for Details only. */
  details: { code: ErrorCode; status: number | null };
}

export interface ErrorContext {
  /** The answer is still streaming: the error is a failed attempt Runnel will try again. */
  pending: boolean;
  /** Text or reasoning arrived before the error (and is kept). */
  hasText: boolean;
  /** The model the answer was asked of. */
  model: string | null;
  /** The backend that wrote the answer, while it exists. */
  backend: Pick<Backend, 'id' | 'name' | 'baseUrl' | 'hasApiKey'> | null;
  /** The UI's language, for Runnel's own sentences (the server's words stay as they came). */
  language?: Language;
}

interface Reading {
  headline: ErrorHeadline;
  advice: ErrorAdvice | null;
  /** The fix is in the backend's settings. */
  settings?: boolean;
}

const outOfMemory =
  /out of memory|\bOOM\b|OutOfMemory|cudaMalloc|failed to allocate|insufficient (GPU |system |V)?memory|not enough (GPU |V)?memory|requires more (system )?memory/i;
const systemMemory = /system memory|\bRAM\b/i;
const loading = /\bloading\b/i;
const refused = /connection refused|ECONNREFUSED/i;
const unknownHost = /resolve host|ENOTFOUND|EAI_AGAIN|host name not found/i;
const unreachable = /unreachable/i;
const dropped = /closed the connection|reset|GOAWAY|dropped|cut short|aborted/i;
const silent = /went silent|stopped sending/i;

export function explainError(error: ChatError, context: ErrorContext): ErrorExplanation {
  const reading = read(error, context);
  const whole = reading.headline === 'skippedFrames';
  const retrying = context.pending && error.retryable;
  const backend = context.backend;
  return {
    severity: whole ? 'warning' : 'error',
    headline: reading.headline,
    words: errorWords(error, context.language).trim(),
    advice: retrying ? 'retrying' : reading.advice,
    retryInMs: retrying ? (error.retryAfterMs ?? 0) : null,
    settingsFor: reading.settings && backend ? { id: backend.id, name: backend.name } : null,
    address: backend?.baseUrl ?? null,
    skipped: whole ? (error.skippedFrames ?? 1) : 0,
    details: { code: error.code, status: error.status ?? null },
  };
}

function read(error: ChatError, context: ErrorContext): Reading {
  const words = error.message;
  const afterText: ErrorAdvice = context.hasText ? 'keptText' : 'regenerate';
  if (error.skippedFrames && context.hasText) return { headline: 'skippedFrames', advice: null };
  // Regenerating would call the tool again for the same result: the words say what to change.
  if (error.contextOverflow?.toolResults) {
    return { headline: 'toolResultsTooLarge', advice: context.hasText ? 'keptText' : null };
  }
  if (error.contextOverflow) {
    // Asked before a tool round: what the earlier rounds wrote was sent, and stays.
    const nothingSent = error.contextOverflow.asked && !context.hasText;
    return { headline: nothingSent ? 'contextAsked' : 'contextFull', advice: 'trimAndRetry' };
  }
  if (error.toolsRefused) {
    return { headline: error.toolsRefused === 'model' ? 'toolsModel' : 'toolsServer', advice: 'fixInMessage' };
  }
  switch (error.code) {
    case 'auth':
      return {
        headline: context.backend && !context.backend.hasApiKey ? 'keyMissing' : 'keyRefused',
        advice: 'checkKey',
        settings: true,
      };
    case 'not_found':
      return mentionsModel(words, context.model)
        ? { headline: 'modelNotFound', advice: 'pickModel' }
        : { headline: 'routeNotFound', advice: 'checkAddress', settings: true };
    case 'rate_limited':
      return { headline: 'rateLimited', advice: 'waitAndRegenerate' };
    case 'server':
      return readServerError(error);
    case 'connect':
      if (refused.test(words)) return { headline: 'notRunning', advice: 'startServer', settings: true };
      if (unknownHost.test(words)) return { headline: 'hostUnknown', advice: 'checkAddress', settings: true };
      if (unreachable.test(words)) return { headline: 'hostUnreachable', advice: 'checkAddress', settings: true };
      if (dropped.test(words)) return { headline: 'connectionLost', advice: afterText };
      return { headline: 'connectFailed', advice: 'checkAddress', settings: true };
    case 'tls':
      return { headline: 'tls', advice: 'checkCertificate', settings: true };
    case 'timeout':
      return { headline: silent.test(words) ? 'wentSilent' : 'noAnswer', advice: afterText };
    case 'protocol':
      return { headline: 'unreadable', advice: context.hasText ? 'keptText' : 'checkKind' };
    case 'invalid_input':
      return { headline: 'requestRefused', advice: null };
    case 'internal':
      return { headline: 'internal', advice: 'regenerate' };
    case 'cancelled':
      return { headline: 'cancelled', advice: null };
  }
}

function readServerError(error: ChatError): Reading {
  if (outOfMemory.test(error.message)) {
    return { headline: systemMemory.test(error.message) ? 'systemMemory' : 'gpuMemory', advice: 'freeMemory' };
  }
  if (error.status === 503) {
    return { headline: loading.test(error.message) ? 'loadingModel' : 'busy', advice: 'waitAndRegenerate' };
  }
  // No status: the server said it in the stream, after it had started answering.
  if (error.status === undefined) return { headline: 'serverFailedMidway', advice: 'serverLog' };
  return { headline: 'serverError', advice: 'serverLog' };
}

/** A 404 about the model (vLLM "The model `x` does not exist", Triton "unknown model"), not the route. */
function mentionsModel(words: string, model: string | null): boolean {
  if (model && words.includes(model)) return true;
  return /\bmodel\b/i.test(words);
}
