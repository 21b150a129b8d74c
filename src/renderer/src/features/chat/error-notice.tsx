// An answer's error as an `alert` in the message: the sentence, the server's own words, what to do (a
// settings button, a retry's countdown, "Send without tools" when the server refused the tools,
// "Trim and retry" when the request did not fit the window), the code under Details; a skipped frame
// is a `status` warning.
import { AlertCircle, Scissors, Send, Settings, TriangleAlert } from 'lucide-react';
import type { ChatError } from '../../../../shared/chat-error';
import type { BackendId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import type { ErrorExplanation } from './error-explanation';
import { errorMessages, headlineText } from './error-messages';
import { useRetryCountdown } from './use-retry-countdown';

interface Props {
  /** The message's error: its identity marks a new retry. */
  error: ChatError;
  explanation: ErrorExplanation;
  onOpenSettings?: (id: BackendId) => void;
  /** Offered when the server refused the request's tools: the same turn again, offering none. */
  onSendWithoutTools?: () => void;
  /** Sends the request again without more of the oldest turns (offered when it did not fit the window). */
  onTrimAndRetry?: () => void;
  /** Another answer streams: the button waits. */
  busy?: boolean;
}

export function ErrorNotice({
  error,
  explanation: e,
  onOpenSettings,
  onSendWithoutTools,
  onTrimAndRetry,
  busy = false,
}: Props) {
  const m = useMessages(errorMessages);
  const seconds = useRetryCountdown(e.retryInMs === null ? null : error, e.retryInMs);
  const warning = e.severity === 'warning';
  const Icon = warning ? TriangleAlert : AlertCircle;
  return (
    <div
      role={warning ? 'status' : 'alert'}
      className="message-error"
      data-severity={e.severity}
      data-retrying={e.retryInMs !== null || undefined}
    >
      <p className="message-error-headline">
        <Icon size={16} strokeWidth={2} aria-hidden focusable={false} />
        {headlineText(e, m)}
      </p>
      {e.words && <p className="message-error-words">{e.words}</p>}
      {(e.advice || e.settingsFor || (error.toolsRefused && onSendWithoutTools)) && (
        <div className="message-error-advice">
          {e.advice && <p>{m[e.advice]}</p>}
          {e.retryInMs !== null &&
            (seconds !== null ? (
              <p role="timer" aria-live="off" className="message-error-countdown">
                {m.tryingAgainIn(seconds)}
              </p>
            ) : (
              <p className="message-error-countdown">{m.tryingAgainNow}</p>
            ))}
          {error.contextOverflow && !error.contextOverflow.toolResults && onTrimAndRetry && (
            <button type="button" className="message-error-settings" onClick={onTrimAndRetry}>
              <Scissors size={14} strokeWidth={2} aria-hidden focusable={false} />
              {m.trimAndRetryButton}
            </button>
          )}
          {e.settingsFor && onOpenSettings && (
            <button type="button" className="message-error-settings" onClick={() => onOpenSettings(e.settingsFor!.id)}>
              <Settings size={14} strokeWidth={2} aria-hidden focusable={false} />
              {m.openSettings(e.settingsFor.name)}
            </button>
          )}
          {error.toolsRefused && onSendWithoutTools && (
            <button type="button" className="message-error-settings" disabled={busy} onClick={onSendWithoutTools}>
              <Send size={14} strokeWidth={2} aria-hidden focusable={false} />
              {m.sendWithoutTools}
            </button>
          )}
        </div>
      )}
      <details className="message-error-details" aria-label={m.details}>
        <summary>{m.details}</summary>
        <dl>
          <dt>{m.code}</dt>
          <dd>
            <code>{e.details.code}</code>
          </dd>
          {e.details.status !== null && (
            <>
              <dt>{m.httpStatus}</dt>
              <dd>{e.details.status}</dd>
            </>
          )}
        </dl>
      </details>
    </div>
  );
}
