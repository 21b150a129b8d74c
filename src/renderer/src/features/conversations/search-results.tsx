// Search hits, newest first: each a button with the conversation's title, who wrote the message and
// when, and a snippet with the matches marked. ↑/↓ move between them; choosing one opens it there.
import type { KeyboardEvent } from 'react';
import type { SearchHit } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import type { Language } from '../../i18n/languages';
import { HighlightedText } from './highlighted-text';
import { searchMessages } from './search-messages';
import { searchBoxId } from './search-box';

interface Props {
  hits: readonly SearchHit[];
  query: string;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  language: Language;
  onChoose(hit: SearchHit): void;
  onMore(): void;
}

const locales: Record<Language, string> = { en: 'en-US', zh: 'zh-CN' };

function when(time: number, language: Language): string {
  const d = new Date(time);
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return new Intl.DateTimeFormat(locales[language], {
    year: sameYear ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(d);
}

/** Moves focus between result buttons; from the first one, ↑ goes back to the search box. */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.search-hit')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  const next = event.key === 'ArrowDown' ? buttons[at + 1] : buttons[at - 1];
  if (next) next.focus();
  else if (event.key === 'ArrowUp') document.getElementById(searchBoxId)?.focus();
}

export function SearchResults({ hits, query, loading, error, hasMore, language, onChoose, onMore }: Props) {
  const m = useMessages(searchMessages);
  const roles = { user: m.user, assistant: m.assistant, system: m.system };
  return (
    <section
      className="search-results"
      aria-label={m.results}
      aria-busy={loading || undefined}
      data-query={query}
      onKeyDown={moveFocus}
    >
      {error && (
        <p className="sidebar-error" role="alert">
          {m.failed(error)}
        </p>
      )}
      {!error && !loading && hits.length === 0 && query && (
        <p className="sidebar-empty" role="status">
          {m.noResults(query)}
        </p>
      )}
      {hits.length > 0 && (
        <ul>
          {hits.map((hit) => (
            <li key={hit.messageId}>
              <button
                type="button"
                className="search-hit"
                data-message-id={hit.messageId}
                onClick={() => onChoose(hit)}
              >
                <span className="search-hit-title">{hit.conversationTitle || m.untitled}</span>
                <span className="search-hit-meta">
                  {roles[hit.role]} · {when(hit.createdAt, language)}
                </span>
                <span className="search-hit-snippet">
                  <HighlightedText snippet={hit.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {loading && <p className="sidebar-more">{m.searching}</p>}
      {hasMore && !loading && (
        <button type="button" className="search-more" onClick={onMore}>
          {m.more}
        </button>
      )}
    </section>
  );
}
