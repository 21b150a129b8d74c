// One tool call in an answer: a card named "Tool call: {tool}" with its status, its server and the
// server's hints, its arguments and its result. While it waits it shows everything and asks; once it
// has ended its body folds under a summary with the time it took. Every name, description,
// argument and result came from a model or a server: shown as text, never as markdown or HTML.
import { memo } from 'react';
import type { LucideIcon } from 'lucide-react';
import {
  Ban,
  ChevronRight,
  CircleCheck,
  CircleSlash,
  CircleX,
  LoaderCircle,
  PencilLine,
  ShieldQuestionMark,
} from 'lucide-react';
import {
  writingStatus,
  type ToolCallRecord,
  type ToolCallStatus,
  type WritingToolCall,
} from '../../../../shared/tools';
import { useMessages } from '../../i18n/use-messages';
import { MessageAttachments } from '../attachments/message-attachments';
import { figuresMessages, formatDuration } from './figures-messages';
import { ToolApproval } from './tool-approval';
import { shownArguments } from './tool-arguments';
import { statusWords, toolMessages, type ToolMessages } from './tool-messages';
import './tool-calls.css';

const icons: Record<ToolCallStatus, LucideIcon> = {
  'awaiting-approval': ShieldQuestionMark,
  running: LoaderCircle,
  done: CircleCheck,
  error: CircleX,
  denied: Ban,
  cancelled: CircleSlash,
};

export const ToolCallView = memo(function ToolCallView({ call }: { call: ToolCallRecord }) {
  const m = useMessages(toolMessages);
  const ended = call.status !== 'awaiting-approval' && call.status !== 'running';
  const head = <ToolCallHead call={call} m={m} />;
  return (
    <div role="group" aria-label={m.group(call.toolName)} data-status={call.status} className="tool-call">
      {ended ? (
        <details className="tool-call-fold">
          <summary className="tool-call-summary">
            {head}
            <EndSummary call={call} m={m} />
            <ChevronRight className="tool-call-chevron" size={14} />
          </summary>
          <ToolCallBody call={call} m={m} />
        </details>
      ) : (
        <>
          <div className="tool-call-summary">{head}</div>
          <ToolCallBody call={call} m={m} />
          {call.status === 'awaiting-approval' && <ToolApproval callId={call.id} />}
        </>
      )}
    </div>
  );
});

/**
 * A call the model is still writing: the same group, named by its tool, with the status
 * `streaming` and its arguments as they arrive (unfinished JSON, shown as written).
 */
export const WritingToolCallView = memo(function WritingToolCallView({ call }: { call: WritingToolCall }) {
  const m = useMessages(toolMessages);
  return (
    <div role="group" aria-label={m.group(call.toolName)} data-status={writingStatus} className="tool-call">
      <div className="tool-call-summary">
        <span className="tool-call-head">
          <PencilLine className="tool-call-icon" size={16} />
          <span className="tool-call-name">{call.toolName}</span>
          <span className="tool-call-status">{m.writing}</span>
        </span>
      </div>
      <div className="tool-call-body">
        <div className="tool-call-part">
          <div className="tool-call-label">{m.arguments}</div>
          <pre className="tool-call-code" data-part="tool-arguments">
            {call.arguments}
          </pre>
        </div>
      </div>
    </div>
  );
});

function ToolCallHead({ call, m }: { call: ToolCallRecord; m: ToolMessages }) {
  const Icon = icons[call.status];
  return (
    <span className="tool-call-head">
      <Icon className="tool-call-icon" size={16} />
      <span className="tool-call-name">{call.toolName}</span>
      {call.serverName && (
        <span className="tool-call-server" title={m.server(call.serverName)}>
          {call.serverName}
        </span>
      )}
      {call.readOnly && (
        <span className="tool-call-badge" title={m.readOnlyHint}>
          {m.readOnly}
        </span>
      )}
      {call.destructive && (
        <span className="tool-call-badge tool-call-badge-destructive" title={m.destructiveHint}>
          {m.destructive}
        </span>
      )}
      <span className="tool-call-status">{statusWords(call.status, m)}</span>
    </span>
  );
}

/** After the status, in the summary of an ended call: how long it ran, and whether its result was cut. */
function EndSummary({ call, m }: { call: ToolCallRecord; m: ToolMessages }) {
  const f = useMessages(figuresMessages);
  const took = call.startedAt !== null && call.endedAt !== null ? call.endedAt - call.startedAt : null;
  return (
    <>
      {took !== null && <span className="tool-call-time">{formatDuration(took, f)}</span>}
      {call.images?.length ? <span className="tool-call-badge">{m.images(call.images.length)}</span> : null}
      {call.resultTruncated && (
        <span className="tool-call-badge tool-call-badge-cut" title={m.cutHint}>
          {m.cut}
        </span>
      )}
    </>
  );
}

function ToolCallBody({ call, m }: { call: ToolCallRecord; m: ToolMessages }) {
  const ended = call.status !== 'awaiting-approval' && call.status !== 'running';
  return (
    <div className="tool-call-body">
      {call.description && <p className="tool-call-description">{call.description}</p>}
      <div className="tool-call-part">
        <div className="tool-call-label">{m.arguments}</div>
        <pre className="tool-call-code" data-part="tool-arguments">
          {shownArguments(call.arguments) || m.noArguments}
        </pre>
      </div>
      {ended && (
        <div className="tool-call-part">
          <div className="tool-call-label">{m.result}</div>
          <pre className="tool-call-code tool-call-result" data-part="tool-result">
            {call.result || m.noResult}
          </pre>
          {/* The tool's images as stored bytes (blob URLs, like attachments), never a remote address. */}
          {call.images?.length ? (
            <div className="tool-call-images" data-part="tool-images">
              <MessageAttachments attachments={call.images} />
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
