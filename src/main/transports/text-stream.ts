// A response body as decoded text: UTF-8 decoded across chunk boundaries, with the idle timeout
// (any byte, keep-alive comments included, counts as life), the whole-answer size limit, network
// errors mapped to ChatError, and the response stopped when the consumer stops reading (the socket
// on HTTP/1.1, the stream on HTTP/2). Every framing reads through this. Nothing is kept here: each
// piece is handed on as it comes, so the framings alone decide what stays in memory.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import type { HttpResponse } from './http-response';
import { networkError } from './network-error';
import { ResponseBudget } from './size-limits';
import type { TransportLimits } from './types';

export async function* readText(
  res: HttpResponse,
  host: string,
  signal: AbortSignal,
  limits: TransportLimits,
  budget: ResponseBudget = new ResponseBudget(host, limits),
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const seconds = Math.round(limits.idleTimeoutMs / 1000);
      res.destroy(new ChatFailure(chatError('timeout', transportWords.say('wentSilent', { host, seconds }))));
    }, limits.idleTimeoutMs);
  };
  try {
    touch();
    for await (const chunk of res.body) {
      touch();
      budget.spend(chunk.length);
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (err) {
    throw new ChatFailure(networkError(err, host, signal));
  } finally {
    clearTimeout(idle);
    res.destroy();
  }
}
