// Bench 10, the calls a model writes into its text (src/main/providers/text-tool-calls.ts): what
// the splitter costs on one huge block written a character at a time (a 200,000-character file
// written by a call, in the Hermes JSON form and the Qwen3-Coder XML form), and on a call of
// ordinary size written in pieces of 5 to 20 characters, as servers send them. The baseline, in
// the same run: the same characters without the tags, which the splitter passes through as text.
import { TextToolCallSplitter } from '../src/main/providers/text-tool-calls';
import type { ChatEvent, ToolDefinition } from '../src/main/providers/types';

export interface TextCallsCase {
  name: string;
  /** Characters of one answer, and how many answers a round runs. */
  chars: number;
  answers: number;
  /** CPU ms of a round (the median of the rounds), the block and the same text without tags. */
  blockMs: number;
  baselineMs: number;
  /** Preview pieces (`tool-call-delta`) of one answer. */
  deltas: number;
}

export interface TextCallsBenchResult {
  rounds: number;
  cases: TextCallsCase[];
}

const tools: ToolDefinition[] = [
  {
    name: 'write_file',
    description: 'Write a file',
    parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } } },
  },
];

/** Source code of about `size` characters: quotes, `<`, backslashes and newlines, as a model writes. */
function sourceText(size: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const line =
      i % 3 === 0
        ? `export function step${i}(items: Array<string>, limit = ${i % 97}): string[] {`
        : i % 3 === 1
          ? `  return items.filter((item) => item.length < limit && item !== "skip\\\\${i}");`
          : '}';
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n').slice(0, size);
}

/** A Hermes block whose `content` argument makes it `size` characters long in all. */
function hermesBlock(size: number): string {
  const head = '<tool_call>\n{"name": "write_file", "arguments": {"path": "/tmp/out.ts", "content": ';
  const tail = '}}\n</tool_call>';
  let source = sourceText(size);
  let over = head.length + JSON.stringify(source).length + tail.length - size;
  for (; over > 0; over = head.length + JSON.stringify(source).length + tail.length - size)
    source = source.slice(0, source.length - over);
  source += ' '.repeat(-over);
  return head + JSON.stringify(source) + tail;
}

/** The same call in the Qwen3-Coder XML form. */
function xmlBlock(size: number): string {
  const head = '<tool_call>\n<function=write_file>\n<parameter=path>\n/tmp/out.ts\n</parameter>\n<parameter=content>\n';
  const tail = '\n</parameter>\n</function>\n</tool_call>';
  return head + sourceText(size - head.length - tail.length) + tail;
}

/** The same characters with the block's tags taken out, after a sentence: text the splitter passes through. */
const untagged = (answer: string): string =>
  `Writing it now. ${answer.replaceAll('<tool_call>', '').replaceAll('</tool_call>', '')}`;

/** Cuts `text` into pieces of 5 to 20 characters (the same cuts every run for the same seed). */
function pieces(text: string, seed: number): string[] {
  const out: string[] = [];
  let state = seed;
  for (let at = 0; at < text.length;) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const size = 5 + (state % 16);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

/** Streams each answer's pieces through a new splitter; the events of the last answer. */
function stream(answers: readonly string[][]): ChatEvent[] {
  let events: ChatEvent[] = [];
  for (const answer of answers) {
    const splitter = new TextToolCallSplitter(tools);
    events = [];
    for (const piece of answer) for (const e of splitter.push({ type: 'text', text: piece })) events.push(e);
    events.push(...splitter.end());
  }
  return events;
}

function cpuMs(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `texts`: whole answers, each cut into pieces by `cut`. */
function runCase(
  name: string,
  texts: readonly string[],
  cut: (text: string, i: number) => string[],
  rounds: number,
): TextCallsCase {
  const answers = texts.map(cut);
  const baseline = texts.map((text, i) => cut(untagged(text), i));
  // Checked once, untimed: the block is read as one call, and the baseline is text.
  const events = stream(answers.slice(0, 1));
  const call = events.find((e) => e.type === 'tool-calls');
  if (call?.type !== 'tool-calls' || call.calls[0]?.name !== 'write_file') throw new Error(`${name}: no call read`);
  if (stream(baseline.slice(0, 1)).some((e) => e.type !== 'text')) throw new Error(`${name}: the baseline is not text`);
  const blockMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baselineMs.push(cpuMs(() => stream(baseline)));
    blockMs.push(cpuMs(() => stream(answers)));
  }
  return {
    name,
    chars: texts[0]!.length,
    answers: answers.length,
    blockMs: median(blockMs),
    baselineMs: median(baselineMs),
    deltas: events.filter((e) => e.type === 'tool-call-delta').length,
  };
}

export function runTextCallsBench(rounds = Number(process.env.BENCH_TEXT_CALLS_ROUNDS ?? 5)): TextCallsBenchResult {
  const size = 200_000;
  const byCharacter = (text: string): string[] => [...text];
  // Calls of 300 to 540 characters after a sentence, every other one with a line after it.
  const ordinary = Array.from(
    { length: 2000 },
    (_, i) =>
      `Let me save that.\n\n${(i % 2 ? xmlBlock : hermesBlock)(300 + (i % 7) * 40)}${i % 4 < 2 ? '\nSaved.' : ''}`,
  );
  // Warm the JIT on ordinary calls first.
  stream(ordinary.slice(0, 200).map(pieces));
  return {
    rounds,
    cases: [
      runCase('Hermes JSON block', [hermesBlock(size)], byCharacter, rounds),
      runCase('Qwen3-Coder XML block', [xmlBlock(size)], byCharacter, rounds),
      runCase('calls of 300–540 characters (Hermes and XML) after a sentence', ordinary, pieces, rounds),
    ],
  };
}
