// How full the model's context window is: a `meter` named "Context" by the composer. Its value is
// the tokens the next request will send (the text being written included, room for the answer
// not), its maximum the window; "3.1k / 8k" beside it, amber from 80 %, red once older messages
// are left out; the tooltip says where the window figure came from and how it was counted.
import { estimateTokens, shortTokens, type ContextStatus } from '../../../../shared/context-window';
import { useMessages } from '../../i18n/use-messages';
import { contextMessages, type ContextMessages } from './context-messages';
import './context.css';

interface Props {
  status: ContextStatus;
  /** The message being written. */
  draft: string;
}

export function windowSourceText(status: ContextStatus, m: ContextMessages): string {
  const { window, source } = status;
  if (window === null || source.kind === 'unknown') return m.unknown;
  switch (source.kind) {
    case 'user':
      return m.fromUser(window);
    case 'server':
      return m.fromServer(window, source.detail);
    case 'corrected':
      return m.fromRefusal(window);
    case 'num-ctx':
      return m.fromNumCtx(window, source.trained, source.cap);
  }
}

export function meterLevel(used: number, window: number, leftOut: number): 'ok' | 'near' | 'full' {
  if (leftOut > 0 || used >= window) return 'full';
  return used >= window * 0.8 ? 'near' : 'ok';
}

export function ContextMeter({ status, draft }: Props) {
  const m = useMessages(contextMessages);
  const used = status.used + (draft.trim() ? estimateTokens(draft) + 4 : 0);
  const tooltip = [
    windowSourceText(status, m),
    status.estimated ? m.estimated : m.counted,
    ...(status.leftOut > 0 ? [m.leftOut(status.leftOut)] : []),
  ].join('\n');
  if (status.window === null) {
    return (
      <div className="context-meter" data-level="ok" title={tooltip}>
        <span className="context-meter-text">{m.usedOnly(shortTokens(used))}</span>
      </div>
    );
  }
  const window = status.window;
  const level = meterLevel(used, window, status.leftOut);
  return (
    <div className="context-meter" data-level={level} title={tooltip}>
      {status.maxTokensLowered !== null && (
        <span role="status" className="context-meter-lowered">
          {m.lowered(status.maxTokensLowered)}
        </span>
      )}
      <div
        role="meter"
        aria-label={m.context}
        aria-valuemin={0}
        aria-valuemax={window}
        aria-valuenow={Math.min(used, window)}
        aria-valuetext={m.valueText(used, window)}
        className="context-meter-bar"
      >
        <span style={{ width: `${Math.min(100, (used / window) * 100).toFixed(1)}%` }} />
      </div>
      <span className="context-meter-text" aria-hidden="true">
        {m.usedOf(shortTokens(used), shortTokens(window))}
      </span>
    </div>
  );
}

/** Where the conversation's next request starts: older messages stay shown but are not sent. */
export function ContextCut() {
  const m = useMessages(contextMessages);
  return (
    <div role="separator" aria-label={m.notSent} className="context-cut">
      <span aria-hidden="true">{m.notSent}</span>
    </div>
  );
}
