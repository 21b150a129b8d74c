// What a connection test came to, as the form and the backend list show it: the state, the
// one-line summary a backend's row gives (server, model count, latency; or what went wrong), and
// how many models a row can name before any test.
import type { ChatError } from '../../../../shared/chat-error';
import type { ConnectionTestResult } from '../../../../shared/domain';
import { errorWords } from '../../i18n/error-text';
import type { Language } from '../../i18n/languages';
import type { ModelListing } from '../../state/model-selection';
import type { BackendFormMessages } from './backend-form-messages';

export type TestState =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'ok'; result: ConnectionTestResult }
  /** `code` is Runnel's own name for the failure, for the Details disclosure only. */
  | { state: 'failed'; message: string; code: string | null; models: string[] };

/** A test's answer (or the request's own failure) as the state to show, its words in `language` (the UI's). */
export function testOutcome(
  result: ConnectionTestResult | ChatError,
  m: BackendFormMessages,
  language?: Language,
): TestState {
  if ('code' in result)
    return { state: 'failed', message: errorWords(result, language), code: result.code, models: [] };
  if (result.ok) return { state: 'ok', result };
  const error = result.error;
  return {
    state: 'failed',
    message: error ? errorWords(error, language) : m.connectionFailed,
    code: error?.code ?? null,
    models: result.models,
  };
}

/** One line: "vLLM 0.8.5 · 12 models · 41 ms" after a success, the reason after a failure. */
export function testLine(test: TestState, m: BackendFormMessages): string {
  switch (test.state) {
    case 'idle':
      return '';
    case 'testing':
      return m.testing;
    case 'failed':
      return test.message;
    case 'ok': {
      const { server, latencyMs, models } = test.result;
      return [server ?? m.connected, m.modelCount(models.length), m.millis(Math.round(latencyMs))].join(' · ');
    }
  }
}

/**
 * How many models the backend serves, as far as the window knows: its last test's list when that
 * test listed any, else the list the model picker loaded; null while neither has said.
 */
export function knownModelCount(test: TestState | undefined, listing: ModelListing | undefined): number | null {
  if (test?.state === 'ok') return test.result.models.length;
  if (test?.state === 'failed' && test.models.length) return test.models.length;
  return listing?.state === 'ok' ? listing.models.length : null;
}
