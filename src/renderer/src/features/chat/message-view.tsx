// One message as an article: who wrote it, its reasoning (collapsed once finished), its text
// (markdown for answers, with their tool calls in place; plain for what the user typed), an error
// in the server's own words, a copy button and, for a finished answer, its metrics; its versions
// ("2 / 3") and actions (edit in place, regenerate, continue).
import { memo, useState } from 'react';
import type { Message } from '../../../../shared/domain';
import { CopyButton } from '../../components/copy-button';
import { MessageAttachments } from '../attachments/message-attachments';
import { useMessages } from '../../i18n/use-messages';
import { AnswerContent } from './answer-content';
import { MessageActionButtons, useMessageActions } from './message-actions';
import { MessageEditor } from './message-editor';
import { messageViewMessages } from './message-view-messages';
import { MetricsLine } from './metrics-line';
import { VersionSwitcher } from './version-switcher';
import { ReasoningView } from './reasoning-view';

export const MessageView = memo(function MessageView({ message }: { message: Message }) {
  const { role, status, content, reasoning, error } = message;
  const streaming = status === 'streaming';
  const m = useMessages(messageViewMessages);
  const actions = useMessageActions();
  const [editing, setEditing] = useState(false);
  const author = role === 'user' ? m.you : role === 'assistant' ? m.assistant : m.system;
  const note = status === 'cancelled' ? m.stopped : status === 'interrupted' ? m.interrupted : undefined;
  const versions = message.versions;
  return (
    <article
      className={`message message-${role}`}
      data-role={role}
      data-status={status}
      aria-label={author}
      aria-busy={streaming || undefined}
    >
      <header className="message-head">
        <span className="message-author">{author}</span>
        {role === 'assistant' && message.model && <span className="message-model">{message.model}</span>}
        {note && <span className="message-note">{note}</span>}
      </header>
      {reasoning && (
        <ReasoningView
          reasoning={reasoning}
          reasoningMs={message.metrics.reasoningMs}
          streaming={streaming}
          answering={content !== ''}
        />
      )}
      {message.attachments?.length ? <MessageAttachments attachments={message.attachments} /> : null}
      {editing && actions ? (
        <MessageEditor
          initial={content}
          onCancel={() => setEditing(false)}
          onSave={async (text) => {
            const sent = await actions.edit(message.id, text);
            if (sent) setEditing(false);
            return sent;
          }}
        />
      ) : role === 'user' ? (
        <div className="message-plain" data-part="content">
          {content}
        </div>
      ) : (
        <div data-part="content">
          <AnswerContent content={content} toolCalls={message.toolCalls} streaming={streaming} />
        </div>
      )}
      {streaming && !content && !reasoning && !message.toolCalls?.length && (
        <p className="message-waiting">{m.waiting}</p>
      )}
      {error && (
        <div role="alert" className="message-error">
          <span className="message-error-code">
            {error.code}
            {error.status ? ` · ${m.httpStatus(error.status)}` : ''}
          </span>{' '}
          <span className="message-error-text">{error.message}</span>
        </div>
      )}
      <footer className="message-foot">
        {role === 'assistant' && !streaming && <MetricsLine metrics={message.metrics} />}
        {versions && versions.count > 1 && !editing && (
          <VersionSwitcher
            versions={versions}
            disabled={!actions || actions.busy}
            onSelect={(direction) => actions?.selectVersion(message.id, direction)}
          />
        )}
        <CopyButton text={content} />
        {!editing && <MessageActionButtons message={message} onEdit={() => setEditing(true)} />}
      </footer>
    </article>
  );
});
