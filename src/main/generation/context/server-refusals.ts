// A server that refuses a request for its length says so in its own words; these are the ones
// read here, with the window they name where they name one:
//   vLLM       "This model's maximum context length is 4096 tokens. However, you requested …"
//              "… maximum context length is 4096 tokens and your request has 2778 input tokens …"
//   llama.cpp  "request (4476 tokens) exceeds the available context size (4096 tokens), try increasing it"
//              (older: "the request exceeds the available context size, try increasing it")
//   TGI        "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. …"
//   Anthropic  "prompt is too long: 208310 tokens > 200000 maximum"
//   OpenAI Responses  code context_length_exceeded: "Your input exceeds the context window of this model. …"
import type { ChatError } from '../../../shared/chat-error';

export interface Refusal {
  /** The window the server named, when it named one. */
  window: number | null;
}

const withWindow: readonly RegExp[] = [
  /maximum context length is (\d+) tokens/i,
  /exceeds the available context size \((\d+) tokens\)/i,
  /tokens \+ `?max_new_tokens`? must be <= (\d+)/i,
  /prompt is too long: \d+ tokens > (\d+) maximum/i,
];

const withoutWindow: readonly RegExp[] = [
  /exceeds the available context size/i,
  /context_length_exceeded/i,
  /exceeds the context window/i,
  /input is too long for (the|this) model/i,
];

/** The refusal in a request's error, or null when the error is about something else. */
export function refusalIn(error: ChatError): Refusal | null {
  if (error.code === 'cancelled' || error.code === 'connect' || error.code === 'tls') return null;
  for (const pattern of withWindow) {
    const found = pattern.exec(error.message);
    const window = found ? Number(found[1]) : NaN;
    if (Number.isInteger(window) && window > 0) return { window };
  }
  return withoutWindow.some((p) => p.test(error.message)) ? { window: null } : null;
}
