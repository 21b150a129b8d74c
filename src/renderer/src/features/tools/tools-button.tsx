// The composer's Tools button wired: the connected servers (Settings → Tools' list), the open
// conversation's choice (or the new conversation's, sent with its first message), and whether the
// chosen model was remembered to refuse tools.
import { useMemo } from 'react';
import { useAppStore } from '../../state/store';
import { useConversationTools, useModelRefusals } from './use-conversation-tools';
import { useToolServers } from './use-tool-servers';
import { ToolsPopover, type OfferingServer } from './tools-popover';

export function ToolsButton() {
  const openId = useAppStore((s) => s.openId);
  const modelChoice = useAppStore((s) => s.choice);
  const { servers } = useToolServers();
  const { choice, error, change } = useConversationTools(openId);
  const { refusals, forget } = useModelRefusals();
  // Only servers that are on and connected offer tools; a server's tools in its own order.
  const offering = useMemo<OfferingServer[] | null>(
    () =>
      servers &&
      servers
        .filter((s) => s.enabled && s.status.state === 'connected' && s.tools.length > 0)
        .map((s) => ({ id: s.id, name: s.name, tools: s.tools })),
    [servers],
  );
  const refused = modelChoice
    ? refusals.find((r) => r.backendId === modelChoice.backendId && r.model === modelChoice.model)
    : undefined;
  return (
    <ToolsPopover
      servers={offering}
      choice={choice}
      refusingModel={refused?.model ?? null}
      error={error}
      onChange={change}
      onTryAgain={() => refused && forget(refused)}
    />
  );
}
