// The sidebar's search field (`searchbox` "Search conversations", id `conversation-search`, which
// Ctrl/Cmd+K focuses, shown as a key hint at its end). Esc clears it, ↓ moves to the first result,
// Enter opens it.
import type { KeyboardEvent } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { SearchIcon } from './conversation-icons';
import { searchMessages } from './search-messages';
import './search.css';

export const searchBoxId = 'conversation-search';

interface Props {
  query: string;
  onQuery(query: string): void;
  onClear(): void;
  /** Enter: open the first result now, without waiting for the pause in typing. */
  onSubmit(): void;
  onFocusResults(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/i.test(navigator.platform);

export function SearchBox({ query, onQuery, onClear, onSubmit, onFocusResults }: Props) {
  const m = useMessages(searchMessages);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape' && query !== '') {
      // Clearing the search is what Esc means here; it must not also stop an answer.
      event.preventDefault();
      event.stopPropagation();
      onClear();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      onFocusResults();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="search-box">
      <SearchIcon />
      <input
        id={searchBoxId}
        type="search"
        aria-label={m.searchLabel}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
        placeholder={m.placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={1000}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {/* The shortcut as a key hint; aria-keyshortcuts says it to screen readers. */}
      {!query && (
        <kbd className="search-key" aria-hidden="true">
          {isMac ? '⌘K' : 'Ctrl K'}
        </kbd>
      )}
    </div>
  );
}
