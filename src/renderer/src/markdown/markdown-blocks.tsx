// Block-level markdown tokens to React elements: paragraphs, headings, lists (with task boxes),
// quotes, tables (with column alignment), code, Mermaid diagrams, display math, rules. Raw HTML blocks are shown as
// their source text, never parsed.
import type { ReactNode } from 'react';
import type { MarkedToken, Token, Tokens } from 'marked';
import { useMessages } from '../i18n/use-messages';
import { CodeBlock, isFenceClosed, languageOf } from './code-block';
import { isDiagramLanguage } from './diagram-limits';
import { DiagramView } from './diagram-view';
import { renderInline } from './markdown-inline';
import { markdownMessages } from './markdown-messages';
import { MathView } from './math-view';
import { isMathToken } from './math-syntax';

/** `settled`: no more text can arrive inside these blocks (see CodeBlock). */
export function renderBlocks(tokens: readonly Token[], settled: boolean): ReactNode[] {
  return tokens.map((token, i) => renderBlock(token, i, settled));
}

export function renderBlock(t: Token, key: number, settled: boolean): ReactNode {
  if (isMathToken(t)) {
    return (
      <div key={key} className="md-math-block">
        <MathView tex={t.text} display />
      </div>
    );
  }
  const token = t as MarkedToken;
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return <p key={key}>{renderInline(token.tokens)}</p>;
    case 'text':
      // A tight list item's content: inline text without a paragraph around it.
      return token.tokens?.length ? <span key={key}>{renderInline(token.tokens)}</span> : token.text;
    case 'heading':
      return <Heading key={key} depth={token.depth} content={renderInline(token.tokens)} />;
    case 'code': {
      const closed = settled || (token.codeBlockStyle !== 'indented' && isFenceClosed(token.raw));
      if (token.codeBlockStyle !== 'indented' && isDiagramLanguage(languageOf(token.lang)))
        return <DiagramView key={key} source={token.text} settled={closed} />;
      return <CodeBlock key={key} code={token.text} lang={token.lang} settled={closed} />;
    }
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(token.tokens, settled)}</blockquote>;
    case 'list':
      return <List key={key} token={token} settled={settled} />;
    case 'table':
      return <Table key={key} token={token} />;
    case 'hr':
      return <hr key={key} />;
    case 'html':
      return (
        <pre key={key} className="md-raw-html">
          {token.raw.replace(/\s+$/, '')}
        </pre>
      );
    default:
      return (
        <p key={key} className="md-raw">
          {token.raw}
        </p>
      );
  }
}

function Heading({ depth, content }: { depth: number; content: ReactNode }) {
  switch (depth) {
    case 1:
      return <h1>{content}</h1>;
    case 2:
      return <h2>{content}</h2>;
    case 3:
      return <h3>{content}</h3>;
    case 4:
      return <h4>{content}</h4>;
    case 5:
      return <h5>{content}</h5>;
    default:
      return <h6>{content}</h6>;
  }
}

function List({ token, settled }: { token: Tokens.List; settled: boolean }) {
  const m = useMessages(markdownMessages);
  const items = token.items.map((item, i) => (
    <li key={i} className={item.task ? 'md-task' : undefined}>
      {item.task && (
        <input
          type="checkbox"
          checked={item.checked ?? false}
          disabled
          readOnly
          aria-label={item.checked ? m.taskDone : m.taskOpen}
        />
      )}
      {renderBlocks(item.tokens, settled)}
    </li>
  ));
  if (!token.ordered) return <ul>{items}</ul>;
  return <ol start={typeof token.start === 'number' && token.start !== 1 ? token.start : undefined}>{items}</ol>;
}

const alignClass = (align: Tokens.TableCell['align']): string | undefined => (align ? `md-align-${align}` : undefined);

function Table({ token }: { token: Tokens.Table }) {
  return (
    <div className="md-table">
      <table>
        <thead>
          <tr>
            {token.header.map((cell, i) => (
              <th key={i} className={alignClass(cell.align)}>
                {renderInline(cell.tokens)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {token.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={alignClass(cell.align)}>
                  {renderInline(cell.tokens)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
