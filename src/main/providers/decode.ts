// Runs a stream's frames through an adapter's decoder, then through what every kind shares: the
// reasoning normalizer, and when the request offered tools, the recognizer of tool calls written
// into the text and the explanation of a server's refusal of the tools:
// `decode(adapter, openFrameBatches(plan, signal), backend, { tools })`.
import { ChatFailure } from '../../shared/chat-error';
import type { FrameBatch } from '../transports/types';
import { TextToolCallSplitter } from './text-tool-calls';
import { ThinkTagSplitter } from './think-tags';
import { explainToolRefusal } from './tool-refusals';
import { toolCarriage, type BackendTarget, type ChatEvent, type ProviderAdapter, type ToolDefinition } from './types';

export interface DecodeOptions {
  /** The tools the request offered (`ChatInput.tools`); none: calls in the text are plain text. */
  tools?: readonly ToolDefinition[];
}

/** Yields the events of each batch of frames together: one await per network read, not one per frame or event. */
export async function* decode(
  adapter: ProviderAdapter,
  batches: AsyncIterable<FrameBatch>,
  backend?: BackendTarget,
  options: DecodeOptions = {},
): AsyncGenerator<ChatEvent[]> {
  const decoder = adapter.createDecoder(backend);
  const thoughts = new ThinkTagSplitter();
  const tools = toolCarriage(adapter) !== false && options.tools?.length ? options.tools : undefined;
  const calls = tools ? new TextToolCallSplitter(tools) : undefined;
  /** Events after the think-tag splitter, through the call recognizer when there is one. */
  const onward = (events: ChatEvent[], out: ChatEvent[]): void => {
    for (const event of events) {
      if (calls) out.push(...calls.push(event));
      else out.push(event);
    }
  };
  try {
    for await (const batch of batches) {
      const out: ChatEvent[] = [];
      let finished = false;
      for (const frame of batch) {
        for (const event of decoder.push(frame)) {
          if (event.type === 'error') {
            onward(thoughts.end(), out);
            if (calls) out.push(...calls.abandon());
            out.push(tools ? { type: 'error', error: explainToolRefusal(event.error) } : event);
            yield out;
            return;
          }
          onward(thoughts.push(event), out);
        }
        if ((finished = decoder.finished?.() ?? false)) break;
      }
      if (out.length) yield out;
      if (finished) break;
    }
  } catch (err) {
    // An HTTP error status before the stream (vLLM's 400, llama.cpp's 500, Ollama's 400).
    const explained = tools && err instanceof ChatFailure ? explainToolRefusal(err.detail) : undefined;
    if (explained && err instanceof ChatFailure && explained !== err.detail) throw new ChatFailure(explained);
    throw err;
  }
  const tail: ChatEvent[] = [];
  onward([...decoder.end().flatMap((event) => thoughts.push(event)), ...thoughts.end()], tail);
  if (calls) tail.push(...calls.end());
  if (tail.length) yield tail;
}
