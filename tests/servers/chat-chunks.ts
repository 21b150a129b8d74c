// What small local servers of the benchmarks and tests write: an OpenAI chat-completions SSE frame (a text
// delta, or an empty one with the finish reason), and the wall clock both sides of a page share.

/** Wall-clock milliseconds, comparable with a page's performance.timeOrigin + performance.now(). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** One `data:` frame of a streamed chat completion from `model`. */
export const chatChunk = (model: string, content: string | null, finish: string | null = null): string =>
  `data: ${JSON.stringify({
    id: `chatcmpl-${model}`,
    object: 'chat.completion.chunk',
    created: 1731295402,
    model,
    choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }],
  })}\n\n`;
