// Inline markdown tokens to React elements. Raw HTML is shown as text, links (written or
// autolinked) only for http(s) and mailto (opened by main, never by navigating), images are never
// fetched: a placeholder shows their description and address instead. Math goes to KaTeX.
import { useContext, type MouseEvent, type ReactNode } from 'react';
import type { MarkedToken, Token, Tokens } from 'marked';
import { useMessages } from '../i18n/use-messages';
import { decodeEntities } from './decode-entities';
import { LinkOpenerContext } from './link-opener';
import { markdownMessages } from './markdown-messages';
import { MathView } from './math-view';
import { isMathToken } from './math-syntax';
import { safeHref } from './safe-url';

export function renderInline(tokens: readonly Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, i) => renderInlineToken(token, i));
}

function renderInlineToken(t: Token, key: number): ReactNode {
  if (isMathToken(t)) return <MathView key={key} tex={t.text} display={t.display} />;
  const token = t as MarkedToken;
  switch (token.type) {
    case 'text':
      return token.tokens?.length ? <span key={key}>{renderInline(token.tokens)}</span> : decodeEntities(token.text);
    case 'escape':
      return token.text;
    case 'strong':
      return <strong key={key}>{renderInline(token.tokens)}</strong>;
    case 'em':
      return <em key={key}>{renderInline(token.tokens)}</em>;
    case 'del':
      return <del key={key}>{renderInline(token.tokens)}</del>;
    case 'codespan':
      return <code key={key}>{token.text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link':
      return <MarkdownLink key={key} token={token} />;
    case 'image':
      return <ImagePlaceholder key={key} token={token} />;
    case 'html':
      return (
        <span key={key} className="md-raw-html">
          {token.raw}
        </span>
      );
    default:
      return token.raw;
  }
}

function MarkdownLink({ token }: { token: Tokens.Link }) {
  const m = useMessages(markdownMessages);
  const openLink = useContext(LinkOpenerContext);
  const href = safeHref(token.href);
  const children = renderInline(token.tokens);
  if (!href) {
    return (
      <span className="md-unsafe-link" title={m.unsafeLink(shorten(token.href))}>
        {children}
      </span>
    );
  }
  const open = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    openLink(href);
  };
  return (
    <a href={href} title={token.title ?? undefined} rel="noreferrer noopener" onClick={open} onAuxClick={open}>
      {children}
    </a>
  );
}

function ImagePlaceholder({ token }: { token: Tokens.Image }) {
  const m = useMessages(markdownMessages);
  const alt = decodeEntities(token.text);
  return (
    <span className="md-image">
      {m.image(alt || m.noDescription)} <span className="md-image-url">{token.href}</span>
    </span>
  );
}

/** A hostile link can be megabytes long (a data: URL); the tooltip needs only its start. */
const shorten = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
