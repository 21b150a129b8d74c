// A Mermaid diagram is drawn in the app but stored as its source; Markdown export keeps that
// source as a ```mermaid block, exactly, so any viewer that draws Mermaid draws it again.
import { describe, expect, it } from 'vitest';
import { conversationMarkdown, englishLabels } from './markdown-export';

const diagram = ['```mermaid', 'flowchart LR', '  A[Prompt] --> B{Cached?}', '  click A call x()', '```'].join('\n');

describe('Markdown export of diagrams', () => {
  it('keeps a diagram as its mermaid source block, untouched', () => {
    const markdown = conversationMarkdown(
      'Diagrams',
      [
        { role: 'user', content: 'Draw it', reasoning: '', model: null, error: null },
        { role: 'assistant', content: `Here:\n\n${diagram}\n\nDone.`, reasoning: '', model: 'm', error: null },
      ],
      englishLabels,
    );
    expect(markdown).toContain(`Here:\n\n${diagram}\n\nDone.`);
  });

  it('closes the fence of a diagram an answer left open, keeping its source', () => {
    const open = '```mermaid\nflowchart LR\n  A --> B';
    const markdown = conversationMarkdown(
      'Cut',
      [{ role: 'assistant', content: open, reasoning: '', model: null, error: null }],
      englishLabels,
    );
    expect(markdown).toContain(`${open}\n\`\`\``);
  });
});
