// The composer's Tools button: how many tools this conversation offers, and a popover listing the
// connected servers and their tools with checkboxes (a server's box sets all of its tools). Names
// and descriptions come from the servers: untrusted text, shown as text. A model remembered to
// refuse tools is said so, with "Try tools again".
import { Check, Minus, Wrench } from 'lucide-react';
import { useId } from 'react';
import { Button } from 'react-aria-components/Button';
import { Checkbox } from 'react-aria-components/Checkbox';
import { Dialog, DialogTrigger } from 'react-aria-components/Dialog';
import { Popover } from 'react-aria-components/Popover';
import { countOn, isToolOn, serverState, withServer, withTool, type ToolChoice } from '../../../../shared/tool-choice';
import type { ToolView } from '../../../../shared/tools';
import { useMessages } from '../../i18n/use-messages';
import { conversationToolsMessages } from './conversation-tools-messages';
import './conversation-tools.css';

export interface OfferingServer {
  id: string;
  name: string;
  tools: readonly ToolView[];
}

interface Props {
  /** The connected servers with their tools; null until they are read. */
  servers: readonly OfferingServer[] | null;
  /** The conversation's choice; null while it is read. */
  choice: ToolChoice | null;
  /** The chosen model was remembered to refuse tools: its messages go without them. */
  refusingModel: string | null;
  error: { when: 'read' | 'save'; message: string } | null;
  onChange(next: ToolChoice): void;
  onTryAgain(): void;
}

export function ToolsPopover({ servers, choice, refusingModel, error, onChange, onTryAgain }: Props) {
  const m = useMessages(conversationToolsMessages);
  const list = servers ?? [];
  const total = list.reduce((n, s) => n + s.tools.length, 0);
  const chosen = choice ? countOn(choice, list) : total;
  // What the next request carries: none for a model that refuses tools.
  const on = refusingModel ? 0 : chosen;
  const countId = useId();
  return (
    <DialogTrigger>
      <Button
        className="composer-tools"
        aria-label={m.tools}
        // The badge is hidden from assistive technology; its description says the same in words.
        aria-describedby={countId}
        data-count={on}
        data-refused={refusingModel ? true : undefined}
      >
        <Wrench size={17} strokeWidth={1.8} aria-hidden focusable={false} />
        <span className="composer-tools-count" aria-hidden="true">
          {on}
        </span>
        <span id={countId} hidden>
          {refusingModel ? m.modelRefuses(refusingModel) : m.countOn(on, total)}
        </span>
      </Button>
      <Popover className="tools-popover" placement="top start" offset={8} maxHeight={448}>
        <Dialog className="tools-popover-dialog" aria-label={m.tools}>
          <div className="tools-popover-head">
            <h2>{m.heading}</h2>
            {total > 0 && <p className="tools-popover-count">{m.countOn(chosen, total)}</p>}
          </div>
          {refusingModel && (
            <div role="status" className="tools-popover-refusal">
              <p>{m.modelRefuses(refusingModel)}</p>
              <button type="button" onClick={onTryAgain}>
                {m.tryAgain}
              </button>
            </div>
          )}
          {error && (
            <p role="alert" className="tools-popover-error">
              {error.when === 'read' ? m.couldNotRead(error.message) : m.couldNotSave(error.message)}
            </p>
          )}
          {servers === null || choice === null ? (
            <p className="tools-popover-empty">{m.loading}</p>
          ) : list.length === 0 ? (
            <p className="tools-popover-empty">{m.noServers}</p>
          ) : (
            <ul className="tools-popover-servers">
              {list.map((server) => (
                <ServerItem key={server.id} server={server} choice={choice} onChange={onChange} />
              ))}
            </ul>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

function Box({ selected, indeterminate }: { selected: boolean; indeterminate?: boolean }) {
  return (
    <span className="tools-check-box" aria-hidden="true">
      {indeterminate ? (
        <Minus size={12} strokeWidth={3} focusable={false} />
      ) : selected ? (
        <Check size={12} strokeWidth={3} focusable={false} />
      ) : null}
    </span>
  );
}

function ServerItem({
  server,
  choice,
  onChange,
}: {
  server: OfferingServer;
  choice: ToolChoice;
  onChange(next: ToolChoice): void;
}) {
  const m = useMessages(conversationToolsMessages);
  const state = serverState(choice, server);
  return (
    <li className="tools-popover-server">
      <Checkbox
        className="tools-check tools-check-server"
        isSelected={state === 'all'}
        isIndeterminate={state === 'some'}
        onChange={() => onChange(withServer(choice, server.id, state !== 'all'))}
      >
        {({ isSelected, isIndeterminate }) => (
          <>
            <Box selected={isSelected} indeterminate={isIndeterminate} />
            <span className="tools-check-name">{server.name}</span>
          </>
        )}
      </Checkbox>
      <ul className="tools-popover-tools" aria-label={m.serverTools(server.name)}>
        {server.tools.map((tool) => (
          <ToolItem key={tool.name} serverId={server.id} tool={tool} choice={choice} onChange={onChange} />
        ))}
      </ul>
    </li>
  );
}

function ToolItem({
  serverId,
  tool,
  choice,
  onChange,
}: {
  serverId: string;
  tool: ToolView;
  choice: ToolChoice;
  onChange(next: ToolChoice): void;
}) {
  const descriptionId = useId();
  return (
    <li className="tools-popover-tool">
      <Checkbox
        className="tools-check"
        isSelected={isToolOn(choice, serverId, tool.name)}
        onChange={(on) => onChange(withTool(choice, serverId, tool.name, on))}
        aria-describedby={tool.description ? descriptionId : undefined}
      >
        {({ isSelected }) => (
          <>
            <Box selected={isSelected} />
            <span className="tools-check-name tools-check-tool">{tool.name}</span>
          </>
        )}
      </Checkbox>
      {tool.description && (
        <p id={descriptionId} className="tools-popover-description">
          {tool.description}
        </p>
      )}
    </li>
  );
}
