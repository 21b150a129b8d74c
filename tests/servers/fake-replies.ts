// The exact texts the fake models stream, split into the token pieces they are sent as, and the
// expected results tests compare against (byte-identical, so keep these deterministic).
import { readFileSync } from 'node:fs';

/** Word-ish pieces that keep their leading whitespace, as real tokenizers do (" Sam", "\n-"). */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

const chatBody = [
  "This reply comes from Runnel's fake OpenAI server, one token per chunk.",
  '',
  '- tokens are split on spaces',
  '- every run is deterministic',
  '- nothing here needs a GPU',
  '',
  '```ts',
  'const answer: number = 42;',
  '```',
].join('\n');

const longBody = [
  '## A longer answer',
  '',
  'This is the long fake reply. It exists so that a UI test can watch a message grow through several',
  'visible states: the first token, a half-written paragraph, a list that gains items, a code block that',
  'is still open, and finally the complete answer with its usage figures.',
  '',
  '### Why streaming matters',
  '',
  'Local models often produce between ten and one hundred tokens per second. A chat client that waits for',
  'the whole answer feels broken, so it should render each delta as it arrives, keep the scroll position',
  'sensible, and let the user stop the generation at any moment without losing what was already written.',
  '',
  '1. Open the stream and read the first chunk.',
  '2. Append every content delta to the message.',
  '3. Store the text so the history survives a restart.',
  '4. Show the token count and speed when the stream ends.',
  '',
  '```python',
  'def tokens_per_second(tokens: int, seconds: float) -> float:',
  '    return tokens / seconds if seconds > 0 else 0.0',
  '```',
  '',
  '| server | framing | usage |',
  '|---|---|---|',
  '| vLLM | SSE | final chunk |',
  '| llama.cpp | SSE | timings |',
  '',
  'A few more sentences follow so that the answer is long enough to scroll. The quick brown fox jumps over',
  'the lazy dog while the tokens keep coming, one after another, at a steady pace. Markdown rendering should',
  'not flicker, code blocks should not jump, and selecting text should keep working while the reply grows.',
  '',
  '> Tip: press Stop at any time; the partial answer stays in the conversation.',
  '',
  'One last paragraph, for good measure: when the stream finishes, the client should settle the message,',
  'record how many tokens arrived and how long they took, and leave the composer ready for the next question.',
  '',
  'That is the end of the long answer.',
].join('\n');

const reasoningText =
  'The user wants their message echoed back. I will repeat it first, then add one short line, ' +
  'so the answer is easy to check.';

const reasoningBody = 'That is all: the reasoning came first, and this answer follows it.';

const utf8Body = [
  '你好，世界 🌍 café — naïve façade, 日本語のテキスト, Ελληνικά, русский текст.',
  '',
  '- emoji with a joiner: 👩‍💻 and a flag: 🇫🇷',
  '- accents: Ünïcödé, señor, crème brûlée ✓',
  '- math: ∑ x² ≤ ∞',
].join('\n');

/** A stand-in for a tokenizer: word pieces plus a few tokens of chat template per message. */
export const countPromptTokens = (texts: string[]): number =>
  texts.reduce((sum, text) => sum + tokenize(text).length + 4, 0);

/** Repeating filler for fake-endless. */
export const endlessTokens: readonly string[] = tokenize(' and the stream goes on');

const echo = (lastUserMessage: string): string => `Echo: ${lastUserMessage}\n\n`;

const captureFiles = {
  'fake-vllm-capture': 'openai-chat-vllm-usage.sse',
  'fake-llamacpp-capture': 'openai-chat-llamacpp-reasoning.sse',
} as const;

export type CaptureModel = keyof typeof captureFiles;

export function isCaptureModel(model: string): model is CaptureModel {
  return model in captureFiles;
}

/** The raw bytes of a recorded stream (tests/fixtures/streams, found relative to this file). */
export function readCapture(model: CaptureModel): Buffer {
  return readFileSync(new URL(`../fixtures/streams/${captureFiles[model]}`, import.meta.url));
}

/** Splits a capture after each blank line, so writing the pieces in order replays it exactly. */
export function captureEvents(bytes: Buffer): string[] {
  return bytes.toString('utf8').split(/(?<=\r?\n\r?\n)/);
}

interface CaptureText {
  content: string;
  reasoning: string;
}

function parseCapture(model: CaptureModel): CaptureText {
  const out: CaptureText = { content: '', reasoning: '' };
  for (const line of readCapture(model).toString('utf8').split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trimStart();
    if (data === '[DONE]') continue;
    const delta = firstDelta(JSON.parse(data) as unknown);
    if (typeof delta?.content === 'string') out.content += delta.content;
    if (typeof delta?.reasoning_content === 'string') out.reasoning += delta.reasoning_content;
  }
  return out;
}

function firstDelta(chunk: unknown): Record<string, unknown> | undefined {
  if (typeof chunk !== 'object' || chunk === null) return undefined;
  const choices = (chunk as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return undefined;
  const delta = (choices[0] as { delta?: unknown } | undefined)?.delta;
  return typeof delta === 'object' && delta !== null ? (delta as Record<string, unknown>) : undefined;
}

/** Content tokens of a finite generated reply; undefined for models that send no such reply. */
export function replyTokens(model: string, lastUserMessage: string): string[] | undefined {
  switch (model) {
    case 'fake-chat':
    case 'fake-loading-then-ok':
    case 'fake-crlf-nospace':
    case 'fake-error-midstream':
    case 'fake-silence-midstream':
    case 'fake-disconnect':
    case 'fake-malformed':
      return tokenize(echo(lastUserMessage) + chatBody);
    case 'fake-long':
      return tokenize(echo(lastUserMessage) + longBody);
    case 'fake-reasoning':
      return tokenize(echo(lastUserMessage) + reasoningBody);
    case 'fake-utf8':
      return tokenize(echo(lastUserMessage) + utf8Body);
    // Three-character pieces, so the tags are cut in the middle as real tokenizers cut them.
    case 'fake-think-tags':
      return pieces(`<think>${reasoningText}</think>\n\n${echo(lastUserMessage)}${chatBody}`, 3);
    case 'fake-think-close-only':
      return pieces(`${reasoningText}</think>\n\n${echo(lastUserMessage)}${chatBody}`, 3);
    default:
      return undefined;
  }
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** How many content tokens the faulty models send before (and, for fake-malformed, around) the fault. */
export const FAULT_TOKENS = { midstream: 5, disconnect: 5, malformedBefore: 3, malformedAfter: 2 } as const;

/**
 * The exact content a client should end up with. For the faulty models it is the content that
 * arrives before the fault (fake-malformed: the valid tokens on both sides of the broken frame).
 */
export function expectedText(model: string, lastUserMessage: string): string {
  if (isCaptureModel(model)) return parseCapture(model).content;
  const tokens = replyTokens(model, lastUserMessage);
  if (!tokens) throw new Error(`${model} streams no finite reply`);
  switch (model) {
    case 'fake-think-tags':
    case 'fake-think-close-only':
      return echo(lastUserMessage) + chatBody;
    case 'fake-error-midstream':
    case 'fake-silence-midstream':
      return tokens.slice(0, FAULT_TOKENS.midstream).join('');
    case 'fake-disconnect':
      return tokens.slice(0, FAULT_TOKENS.disconnect).join('');
    case 'fake-malformed':
      return tokens.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join('');
    default:
      return tokens.join('');
  }
}

export function reasoningTokens(): string[] {
  return tokenize(reasoningText);
}

/** The exact reasoning text of fake-reasoning and fake-llamacpp-capture. */
export function expectedReasoning(model: string): string {
  if (model === 'fake-reasoning' || model === 'fake-think-tags' || model === 'fake-think-close-only') {
    return reasoningText;
  }
  if (model === 'fake-llamacpp-capture') return parseCapture(model).reasoning;
  throw new Error(`${model} sends no reasoning`);
}
