// One request from either host: the channel is checked, the input validated against its schema,
// and the handler's answer or failure wrapped in an Envelope. Never throws, so a host only routes.
import { chatError, toChatError } from '../../shared/chat-error';
import { ZodError } from 'zod';
import { requestSchemas } from '../../shared/ipc/request-schemas';
import { sayInvalidInput } from '../../shared/ipc/invalid-input';
import {
  isRequestChannel,
  type Envelope,
  type RequestChannel,
  type RequestHandlers,
  type RequestInput,
} from '../../shared/ipc/contract';
import { appWords } from '../../shared/words/app-words';

export async function dispatch(
  handlers: RequestHandlers<RequestChannel>,
  channel: unknown,
  input: unknown,
): Promise<Envelope<unknown>> {
  if (!isRequestChannel(channel)) {
    return {
      ok: false,
      error: chatError('invalid_input', appWords.say('unknownRequest', { request: String(channel).slice(0, 60) })),
    };
  }
  try {
    const parsed = requestSchemas[channel].parse(input) as RequestInput<typeof channel>;
    const handler = handlers[channel] as (i: typeof parsed) => Promise<unknown>;
    return { ok: true, value: await handler(parsed) };
  } catch (err) {
    if (err instanceof ZodError)
      return {
        ok: false,
        error: chatError(
          'invalid_input',
          appWords.say('invalidRequest', { request: channel, detail: sayInvalidInput(err, '', input) }),
        ),
      };
    const error = toChatError(err);
    if (error.code === 'internal') console.error(`[runnel] ${channel} failed:`, err);
    return { ok: false, error };
  }
}
