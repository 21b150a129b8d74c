// The one marked configuration the renderer lexes with: GitHub-flavoured markdown (tables, task
// lists, strikethrough, autolinks) plus math. Only the lexer is used; React renders the tokens.
import { Marked, type Token } from 'marked';
import { maskInlineMath, mathExtensions } from './math-syntax';

export const markdown = new Marked({
  gfm: true,
  extensions: mathExtensions,
  hooks: { emStrongMask: maskInlineMath },
});

export function lexMarkdown(text: string): Token[] {
  return markdown.lexer(text);
}
