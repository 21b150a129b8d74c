// One conversation's shown branch as a Markdown document people can read anywhere: the title,
// each turn under its role, reasoning folded in a <details> block as a quote, each tool call folded
// in one where the answer made it, text and code exactly as stored. A fence a cut-off answer left
// open is closed so it cannot swallow the turns after it.
import type { Message } from '../../shared/domain';
import type { ToolCallRecord } from '../../shared/tools';
import type { UiLanguage } from '../../shared/preferences';
import { wordsIn } from '../../shared/words/all-words';
import type { Spoken } from '../../shared/words/define-words';
import { transferWords } from '../../shared/words/transfer-words';

export interface MarkdownLabels {
  user: string;
  assistant: string;
  system: string;
  reasoning: string;
}

export const englishLabels: MarkdownLabels = {
  user: 'User',
  assistant: 'Assistant',
  system: 'System',
  reasoning: 'Reasoning',
};

type ShownToolCall = Pick<
  ToolCallRecord,
  'round' | 'index' | 'position' | 'serverName' | 'toolName' | 'arguments' | 'status' | 'result' | 'resultTruncated'
> & { images?: { name: string; mime: string }[] };

type BranchMessage = Pick<Message, 'role' | 'content' | 'reasoning' | 'model' | 'error'> & {
  attachments?: { name: string }[];
  toolCalls?: ShownToolCall[];
};

export function conversationMarkdown(
  title: string,
  messages: readonly BranchMessage[],
  labels: MarkdownLabels,
  /** The user's language, for Runnel's own words (an error's, when it carries its key). */
  language: UiLanguage = 'en',
): string {
  const out: string[] = [`# ${oneLine(title) || '…'}`];
  for (const m of messages) {
    const role = labels[m.role];
    out.push(`## ${m.role === 'assistant' && m.model ? `${role} · ${oneLine(m.model)}` : role}`);
    if (m.reasoning.trim()) {
      out.push(
        `<details>\n<summary>${escapeHtml(labels.reasoning)}</summary>\n\n${quote(closeOpenFence(m.reasoning))}\n\n</details>`,
      );
    }
    for (const a of m.attachments ?? []) out.push(`📎 ${oneLine(a.name)}`);
    if (m.toolCalls?.length) out.push(...withToolCalls(m.content, m.toolCalls, language));
    else if (m.content) out.push(closeOpenFence(m.content.replace(/\s+$/, '')));
    if (m.error) out.push(quote(`⚠️ ${wordsIn(language, m.error.said, m.error.message)}`));
  }
  return `${out.join('\n\n')}\n`;
}

/** The answer's text cut at each call's position, each call folded in its place. */
function withToolCalls(content: string, calls: readonly ShownToolCall[], language: UiLanguage): string[] {
  const out: string[] = [];
  let from = 0;
  const text = (to: number) => {
    // Blank lines and a sentence's leading space around a call go; indentation that means code stays.
    const part = content
      .slice(from, to)
      .replace(/^\s*\n/, '')
      .replace(/^ {1,3}(?=\S)/, '')
      .replace(/\s+$/, '');
    if (part) out.push(closeOpenFence(part));
    from = to;
  };
  for (const call of [...calls].sort((a, b) => a.round - b.round || a.index - b.index)) {
    text(Math.min(content.length, Math.max(from, call.position)));
    out.push(toolCallBlock(call, language));
  }
  text(content.length);
  return out;
}

/** "Tool call: {tool} ({server}) — {status}" (in the user's language), then the arguments and the result as code: untrusted text, shown as text. */
function toolCallBlock(call: ShownToolCall, language: UiLanguage): string {
  const say = (words: Spoken) => wordsIn(language, words.said, words.text);
  const [tool, server, status] = [oneLine(call.toolName), oneLine(call.serverName), call.status];
  const summary = say(
    server
      ? transferWords.say('mdToolCallOn', { tool, server, status })
      : transferWords.say('mdToolCall', { tool, status }),
  );
  const parts = [`<details>\n<summary>${escapeHtml(summary)}</summary>`, codeBlock(prettyJson(call.arguments), 'json')];
  if (call.result) parts.push(codeBlock(call.result, ''));
  // The bytes stay in Runnel (and in a Runnel JSON export); the document says each image was there.
  for (const image of call.images ?? []) {
    parts.push(say(transferWords.say('mdImage', { name: oneLine(image.name), mime: oneLine(image.mime) })));
  }
  if (call.resultTruncated) parts.push(say(transferWords.say('mdResultCut')));
  return `${parts.join('\n\n')}\n\n</details>`;
}

/** Arguments are JSON text from the model: indented when they parse, else as written. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A fenced block whose fence is longer than any run of backticks inside, so nothing in the text can close it. */
export function codeBlock(text: string, info: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

const fenceLine = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Appends the closing fence when the text ends inside a fenced code block. */
export function closeOpenFence(text: string): string {
  let open: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const match = fenceLine.exec(line);
    if (!match) continue;
    const fence = match[1] as string;
    const rest = match[2] ?? '';
    if (open === null) {
      // A backtick fence's info string may not contain a backtick.
      if (fence[0] === '`' && rest.includes('`')) continue;
      open = fence;
    } else if (fence[0] === open[0] && fence.length >= open.length && rest.trim() === '') {
      open = null;
    }
  }
  return open === null ? text : `${text}\n${open}`;
}
