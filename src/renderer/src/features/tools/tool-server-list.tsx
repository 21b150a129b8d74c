// The configured MCP servers: each named by its name, with how it is reached, its status, a switch
// to turn it on or off, Edit, Remove (asked once more), and its tools in a disclosure. Names,
// commands, tool names and descriptions are shown as text only.
import { useEffect, useId, useRef, useState } from 'react';
import type { ToolServerView, ToolView } from '../../../../shared/tools';
import { useMessages } from '../../i18n/use-messages';
import { ToolServerStatusLine } from './tool-server-status';
import { toolsMessages, type ToolsMessages } from './tools-messages';
// The hints look as they do on a call in an answer.
import '../chat/tool-calls.css';

interface Props {
  servers: readonly ToolServerView[];
  readAt: number;
  editingId: string | null;
  /** Switches on their way to main: the state asked for, by server. */
  switching: ReadonlyMap<string, boolean>;
  onToggle: (server: ToolServerView, enabled: boolean) => void;
  onEdit: (server: ToolServerView) => void;
  onRemove: (server: ToolServerView) => void;
}

/** The command line as a user would type it: arguments with spaces or quotes quoted. */
export function commandLine(server: Pick<ToolServerView, 'command' | 'args'>): string {
  const quote = (arg: string) => (arg === '' || /[\s"'\\]/.test(arg) ? JSON.stringify(arg) : arg);
  return [server.command ?? '', ...server.args.map(quote)].join(' ');
}

export function ToolServerList({ servers, readAt, editingId, switching, onToggle, onEdit, onRemove }: Props) {
  const m = useMessages(toolsMessages);
  if (!servers.length) return <p className="backend-empty">{m.noServers}</p>;
  return (
    <ul className="tool-servers">
      {servers.map((server) => (
        <ToolServerItem
          key={server.id}
          server={server}
          readAt={readAt}
          editing={server.id === editingId}
          switching={switching.get(server.id) ?? null}
          onToggle={onToggle}
          onEdit={onEdit}
          onRemove={onRemove}
          m={m}
        />
      ))}
    </ul>
  );
}

interface ItemProps {
  server: ToolServerView;
  readAt: number;
  editing: boolean;
  /** The state asked for while it travels to main, else null. */
  switching: boolean | null;
  onToggle: Props['onToggle'];
  onEdit: Props['onEdit'];
  onRemove: Props['onRemove'];
  m: ToolsMessages;
}

function ToolServerItem({ server, readAt, editing, switching, onToggle, onEdit, onRemove, m }: ItemProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe answer takes the focus: Enter right after "Remove" removes nothing.
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);
  const meta = [
    server.approval === 'ask' ? m.askEachCall : m.allowsAll,
    ...(server.callTimeoutMs ? [m.timeLimit(server.callTimeoutMs / 1000)] : []),
  ].join(' · ');
  return (
    <li
      className={editing ? 'tool-server editing' : 'tool-server'}
      aria-labelledby={`${id}-name`}
      data-enabled={server.enabled}
    >
      <div className="tool-server-head">
        <div className="tool-server-text">
          <span id={`${id}-name`} className="tool-server-name">
            {server.name}
          </span>
          <code className="tool-server-transport">
            {server.transport === 'stdio' ? commandLine(server) : (server.url ?? '')}
          </code>
          <span className="tool-server-meta">{meta}</span>
        </div>
        <label className="tool-server-switch">
          <input
            type="checkbox"
            role="switch"
            checked={switching ?? server.enabled}
            disabled={switching !== null}
            aria-label={m.enabledNamed(server.name)}
            onChange={(e) => onToggle(server, e.target.checked)}
          />
          <span aria-hidden="true">{m.enabled}</span>
        </label>
        <button type="button" aria-label={m.editNamed(server.name)} onClick={() => onEdit(server)}>
          {m.edit}
        </button>
        <button
          type="button"
          className="danger"
          aria-label={m.removeNamed(server.name)}
          aria-expanded={confirming}
          onClick={() => setConfirming(true)}
        >
          {m.remove}
        </button>
      </div>
      <ToolServerStatusLine status={server.status} readAt={readAt} />
      {server.tools.length > 0 && <ToolList server={server} m={m} />}
      {confirming && (
        <div className="tool-server-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{m.confirmRemove(server.name)}</p>
          <div className="form-actions">
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                onRemove(server);
              }}
            >
              {m.remove}
            </button>
            <button type="button" ref={cancel} onClick={() => setConfirming(false)}>
              {m.cancel}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function ToolList({ server, m }: { server: ToolServerView; m: ToolsMessages }) {
  return (
    <details className="tool-server-tools">
      <summary>{m.toolsOf(server.tools.length)}</summary>
      <ul aria-label={m.toolsOfNamed(server.name)}>
        {server.tools.map((tool, i) => (
          <ToolEntry key={`${i}-${tool.name}`} tool={tool} m={m} />
        ))}
      </ul>
    </details>
  );
}

function ToolEntry({ tool, m }: { tool: ToolView; m: ToolsMessages }) {
  return (
    <li className="tool-entry">
      <span className="tool-entry-head">
        <span className="tool-entry-name">{tool.name}</span>
        {tool.readOnly && (
          <span className="tool-call-badge" title={m.readOnlyHint}>
            {m.readOnly}
          </span>
        )}
        {tool.destructive && (
          <span className="tool-call-badge tool-call-badge-destructive" title={m.destructiveHint}>
            {m.destructive}
          </span>
        )}
      </span>
      <span className={tool.description ? 'tool-entry-description' : 'tool-entry-description none'}>
        {tool.description || m.noDescription}
      </span>
    </li>
  );
}
