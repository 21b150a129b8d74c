// A fenced or indented code block: its language as a label, a copy button, and the code as text.
import { CopyButton } from '../components/copy-button';

interface Props {
  code: string;
  lang: string | undefined;
}

export function CodeBlock({ code, lang }: Props) {
  // The info string is free text ("js title=x"); only a plain first word names the language.
  const first = lang?.trim().split(/\s+/, 1)[0] ?? '';
  const language = /^[\w#+.-]{1,40}$/.test(first) ? first : '';
  return (
    <div className="md-code">
      <div className="md-code-head">
        <span className="md-code-lang">{language || 'text'}</span>
        <CopyButton text={code} label="Copy code" className="md-code-copy" />
      </div>
      <pre>
        <code className={language ? `language-${language}` : undefined}>{code}</code>
      </pre>
    </div>
  );
}
