// One message as an article: who wrote it, its reasoning (collapsed once finished), its text
// (markdown for answers, plain for what the user typed), an error in the server's own words,
// a copy button and, for a finished answer, its metrics.
import { memo } from 'react';
import type { Message } from '../../../../shared/domain';
import { CopyButton } from '../../components/copy-button';
import { MarkdownView } from '../../markdown/markdown-view';
import { MetricsLine } from './metrics-line';

const authors: Record<Message['role'], string> = { user: 'You', assistant: 'Assistant', system: 'System' };

const statusNotes: Partial<Record<Message['status'], string>> = {
  cancelled: 'Stopped',
  interrupted: 'Interrupted',
};

export const MessageView = memo(function MessageView({ message }: { message: Message }) {
  const { role, status, content, reasoning, error } = message;
  const streaming = status === 'streaming';
  const note = statusNotes[status];
  return (
    <article
      className={`message message-${role}`}
      data-role={role}
      data-status={status}
      aria-label={authors[role]}
      aria-busy={streaming || undefined}
    >
      <header className="message-head">
        <span className="message-author">{authors[role]}</span>
        {role === 'assistant' && message.model && <span className="message-model">{message.model}</span>}
        {note && <span className="message-note">{note}</span>}
      </header>
      {reasoning && (
        <details className="reasoning" data-part="reasoning" open={streaming} aria-label="Reasoning">
          <summary>Reasoning</summary>
          <MarkdownView text={reasoning} className="markdown reasoning-text" />
        </details>
      )}
      {role === 'user' ? (
        <div className="message-plain" data-part="content">
          {content}
        </div>
      ) : (
        <div data-part="content">{content && <MarkdownView text={content} />}</div>
      )}
      {streaming && !content && (
        <p className="message-waiting">{reasoning ? 'Thinking…' : 'Waiting for the first token…'}</p>
      )}
      {error && (
        <div role="alert" className="message-error">
          <span className="message-error-code">
            {error.code}
            {error.status ? ` · HTTP ${error.status}` : ''}
          </span>{' '}
          <span className="message-error-text">{error.message}</span>
        </div>
      )}
      <footer className="message-foot">
        {role === 'assistant' && !streaming && <MetricsLine metrics={message.metrics} />}
        <CopyButton text={content} />
      </footer>
    </article>
  );
});
