// One message as an article: author, reasoning, text (markdown, tool calls in place) with a streaming
// indicator, an error in plain words, and a footer with metrics, versions and actions.
import { memo, useContext, useState } from 'react';
import type { Message } from '../../../../shared/domain';
import { MessageAttachments } from '../attachments/message-attachments';
import { LanguageContext, useMessages } from '../../i18n/use-messages';
import { AnswerContent } from './answer-content';
import { explainError } from './error-explanation';
import { ErrorNotice } from './error-notice';
import { MessageActionButtons, useMessageActions } from './message-actions';
import { MessageEditor } from './message-editor';
import { messageViewMessages } from './message-view-messages';
import { MetricsLine } from './metrics-line';
import { VersionSwitcher } from './version-switcher';
import { ReasoningView } from './reasoning-view';
import { useAppStore } from '../../state/store';

export const MessageView = memo(function MessageView({ message }: { message: Message }) {
  const { role, status, content, reasoning, error } = message;
  const streaming = status === 'streaming';
  // Generated in this window: its text is revealed a frame's budget at a time even when the whole
  // answer (a fast server's) is already done by its first render; history renders whole.
  const fresh = useAppStore((s) => s.live[message.id] !== undefined);
  const m = useMessages(messageViewMessages);
  const language = useContext(LanguageContext);
  const actions = useMessageActions();
  const [editing, setEditing] = useState(false);
  const author = role === 'user' ? m.you : role === 'assistant' ? m.assistant : m.system;
  const note = status === 'cancelled' ? m.stopped : status === 'interrupted' ? m.interrupted : undefined;
  const wroteNothing =
    content === '' && reasoning === '' && !message.toolCalls?.length && !message.writingCalls?.length;
  // Waiting for the user's approval of a tool call is not the model writing.
  const awaitingUser = message.toolCalls?.some((call) => call.status === 'awaiting-approval') ?? false;
  const emptyNote =
    role !== 'assistant' || !wroteNothing
      ? null
      : status === 'cancelled'
        ? m.stoppedEmpty
        : status === 'interrupted'
          ? m.interruptedEmpty
          : null;
  const versions = message.versions;
  const body = (
    <>
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
          <AnswerContent
            content={content}
            toolCalls={message.toolCalls}
            writingCalls={message.writingCalls}
            streaming={streaming}
            fresh={fresh}
          />
        </div>
      )}
      {streaming && !awaitingUser && (
        <p className="message-streaming" data-part="streaming" aria-hidden={content !== '' || undefined}>
          {wroteNothing && !error && <span className="message-waiting">{m.waiting}</span>}
          <span className="streaming-dots">
            <span />
            <span />
            <span />
          </span>
        </p>
      )}
      {emptyNote && <p className="message-empty-note">{emptyNote}</p>}
      {error && (
        <ErrorNotice
          error={error}
          explanation={explainError(error, {
            pending: streaming,
            hasText: content !== '' || reasoning !== '',
            model: message.model,
            backend: actions?.backendOf(message) ?? null,
            language,
          })}
          onOpenSettings={actions?.openBackendSettings}
          onSendWithoutTools={
            error.toolsRefused && actions && !streaming ? () => actions.sendWithoutTools(message.id) : undefined
          }
          busy={actions?.busy ?? false}
          onTrimAndRetry={actions && !actions.busy ? () => actions.trimAndRetry(message.id) : undefined}
        />
      )}
    </>
  );
  return (
    <article
      className={`message message-${role}`}
      data-role={role}
      data-message-id={message.id}
      data-status={status}
      aria-label={author}
      aria-busy={streaming || undefined}
    >
      {role === 'user' ? <div className="message-bubble">{body}</div> : body}
      <footer className="message-foot">
        {/* An answer that wrote nothing has nothing measured; its sentence says how it ended. */}
        {role === 'assistant' && !streaming && !emptyNote && <MetricsLine metrics={message.metrics} status={status} />}
        {versions && versions.count > 1 && !editing && (
          <VersionSwitcher
            versions={versions}
            disabled={!actions || actions.busy}
            onSelect={(direction) => actions?.selectVersion(message.id, direction)}
          />
        )}
        {!editing && !streaming && (
          <div
            role="group"
            aria-label={m.actions}
            className="message-actions"
            data-pinned={(role === 'assistant' && message.id === actions?.leafId) || undefined}
          >
            <MessageActionButtons message={message} onEdit={() => setEditing(true)} />
          </div>
        )}
      </footer>
    </article>
  );
});
