// Frames a response body as Server-Sent Events with eventsource-parser. Decodes UTF-8 across
// chunk boundaries, enforces the idle timeout (any byte, keep-alive comments included, counts as
// life) and the event size limit, and closes the socket when the consumer stops reading.
import type { IncomingMessage } from 'node:http';
import { createParser } from 'eventsource-parser';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { networkError } from './network-error';
import type { SseFrame, TransportLimits } from './types';

export async function* readSse(
  res: IncomingMessage,
  host: string,
  signal: AbortSignal,
  limits: TransportLimits,
): AsyncGenerator<SseFrame> {
  let queue: SseFrame[] = [];
  let overflow = false;
  const parser = createParser({
    maxBufferSize: limits.maxEventBytes,
    onEvent: (e) => queue.push({ framing: 'sse', event: e.event, data: e.data }),
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const decoder = new TextDecoder('utf-8');
  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const seconds = Math.round(limits.idleTimeoutMs / 1000);
      res.destroy(
        new ChatFailure(chatError('timeout', `${host} went silent for ${seconds} s in the middle of the answer`)),
      );
    }, limits.idleTimeoutMs);
  };

  try {
    touch();
    for await (const chunk of res as AsyncIterable<Buffer>) {
      touch();
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (overflow) {
        throw new ChatFailure(
          chatError(
            'protocol',
            `${host} sent an event larger than ${limits.maxEventBytes} bytes; the stream was stopped`,
          ),
        );
      }
      if (queue.length) {
        const ready = queue;
        queue = [];
        yield* ready;
      }
    }
    // A clean end: dispatch a last event that lacks its blank line (some servers end on `data: [DONE]`).
    parser.feed(`${decoder.decode()}\n\n`);
    yield* queue;
  } catch (err) {
    throw new ChatFailure(networkError(err, host, signal));
  } finally {
    clearTimeout(idle);
    res.destroy();
  }
}
