// The composer's Tools popover's data: which tools the open conversation offers (read from main,
// again on every `tools:changed` and after the web host's socket comes back; a new conversation's
// choice waits in the store until its first message), and the models remembered to refuse tools.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationId } from '../../../../shared/ids';
import type { ModelToolRefusal, ToolChoice } from '../../../../shared/tool-choice';
import { onReconnect, request, subscribe } from '../../api/api';
import { useAppStore } from '../../state/store';
import { errorText } from '../../i18n/error-text';

/** Runs `read` now and on every `tools:changed` and reconnect, while mounted (and `key` holds). */
function useToolsEvents(read: () => void, key: unknown): void {
  useEffect(() => {
    read();
    const offChanged = subscribe('tools:changed', read);
    const offReconnect = onReconnect(read);
    return () => {
      offChanged();
      offReconnect();
    };
  }, [read, key]);
}

export interface ConversationTools {
  /** null while the open conversation's choice is read. */
  choice: ToolChoice | null;
  /** The last read or save that failed, with main's reason. */
  error: { when: 'read' | 'save'; message: string } | null;
  change(next: ToolChoice): void;
}

export function useConversationTools(openId: ConversationId | null): ConversationTools {
  const draft = useAppStore((s) => s.draftTools);
  const setDraft = useAppStore((s) => s.setDraftTools);
  const [stored, setStored] = useState<{ id: ConversationId; choice: ToolChoice } | null>(null);
  const [error, setError] = useState<ConversationTools['error']>(null);
  // Only the newest read or save lands (a save answered late must not undo a later click).
  const seq = useRef(0);

  const read = useCallback(() => {
    if (openId === null) return;
    const mine = ++seq.current;
    request('conversations:tools', { id: openId }).then(
      (choice) => {
        if (mine !== seq.current) return;
        setStored({ id: openId, choice });
        setError((e) => (e?.when === 'read' ? null : e));
      },
      // A conversation deleted meanwhile: nothing to show; the list moves on.
      (err: unknown) => mine === seq.current && setError({ when: 'read', message: errorText(err) }),
    );
  }, [openId]);
  useToolsEvents(read, openId);

  const change = useCallback(
    (next: ToolChoice) => {
      setError(null);
      if (openId === null) return setDraft(next);
      const mine = ++seq.current;
      setStored({ id: openId, choice: next });
      request('conversations:save-tools', { id: openId, choice: [...next] }).then(
        (choice) => mine === seq.current && setStored({ id: openId, choice }),
        (err: unknown) => {
          if (mine !== seq.current) return;
          setError({ when: 'save', message: errorText(err) });
          read();
        },
      );
    },
    [openId, setDraft, read],
  );

  if (openId === null) return { choice: draft, error, change };
  return { choice: stored?.id === openId ? stored.choice : null, error, change };
}

export interface ModelRefusals {
  refusals: ModelToolRefusal[];
  /** "Try tools again": the model's next turn offers tools. */
  forget(refusal: Pick<ModelToolRefusal, 'backendId' | 'model'>): void;
}

export function useModelRefusals(): ModelRefusals {
  const [refusals, setRefusals] = useState<ModelToolRefusal[]>([]);
  const read = useCallback(() => {
    request('tools:model-refusals', {}).then(setRefusals, () => {});
  }, []);
  useToolsEvents(read, null);
  const forget = useCallback(
    ({ backendId, model }: Pick<ModelToolRefusal, 'backendId' | 'model'>) => {
      setRefusals((list) => list.filter((r) => r.backendId !== backendId || r.model !== model));
      request('tools:forget-refusal', { backendId, model }).then(read, read);
    },
    [read],
  );
  return { refusals, forget };
}
