// One conversation's shown branch as a Markdown document people can read anywhere: the title,
// each turn under its role, reasoning folded in a <details> block as a quote, text and code exactly
// as stored. A fence a cut-off answer left open is closed so it cannot swallow the turns after it.
import type { Message } from '../../shared/domain';

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

type BranchMessage = Pick<Message, 'role' | 'content' | 'reasoning' | 'model' | 'error'> & {
  attachments?: { name: string }[];
};

export function conversationMarkdown(
  title: string,
  messages: readonly BranchMessage[],
  labels: MarkdownLabels,
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
    if (m.content) out.push(closeOpenFence(m.content.replace(/\s+$/, '')));
    if (m.error) out.push(quote(`⚠️ ${m.error.message}`));
  }
  return `${out.join('\n\n')}\n`;
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
