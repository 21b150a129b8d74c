// A fenced or indented code block: its language as a label, a copy button, and the code, highlighted
// once the block is settled (no more text can arrive in it).
import { memo, useMemo } from 'react';
import { CopyButton } from '../components/copy-button';
import { useMessages } from '../i18n/use-messages';
import { hastToReact } from './hast-to-react';
import { highlightCode, highlighter } from './highlight';
import { useLazyModule } from './lazy-module';
import { markdownMessages } from './markdown-messages';

interface Props {
  code: string;
  lang: string | undefined;
  /** No more text can arrive in this block (its fence is closed, or the answer has ended). */
  settled: boolean;
}

/** The info string is free text ("js title=x"); only a plain first word names the language. */
export function languageOf(info: string | undefined): string {
  const first = info?.trim().split(/\s+/, 1)[0] ?? '';
  return /^[\w#+.-]{1,40}$/.test(first) ? first : '';
}

// A fence still open at the end of a streaming answer is shown plain: highlight.js cannot resume where
// it stopped (strings and comments span lines), so highlighting the growing block would redo all of
// it at every paint. A closed fence no longer changes, so it is highlighted once (memoized on its text).
export const CodeBlock = memo(function CodeBlock({ code, lang, settled }: Props) {
  const m = useMessages(markdownMessages);
  const language = languageOf(lang);
  const lowlight = useLazyModule(highlighter, settled && language !== '');
  const tree = useMemo(
    () => (lowlight && settled && language ? highlightCode(lowlight, code, language) : null),
    [lowlight, settled, code, language],
  );
  return (
    <div className="md-code" data-highlighted={tree ? 'true' : undefined}>
      <div className="md-code-head">
        <span className="md-code-lang">{language || m.plainText}</span>
        <CopyButton text={code} label={m.copyCode} className="md-code-copy" />
      </div>
      <pre>
        <code className={language ? `language-${language}${tree ? ' hljs' : ''}` : undefined}>
          {tree ? hastToReact(tree.children) : code}
        </code>
      </pre>
    </div>
  );
});

/** Whether a fenced block's raw source ends with its closing fence (same character, at least as long). */
export function isFenceClosed(raw: string): boolean {
  const lines = raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return false;
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0] ?? '')?.[1];
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines.at(-1) ?? '')?.[1];
  return !!open && !!close && close[0] === open[0] && close.length >= open.length;
}
