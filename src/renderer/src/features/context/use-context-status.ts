// The open conversation's context status, asked of main when the conversation, its branch, the
// chosen model, its backend's settings or the end of an answer changes (not while an answer streams). When part of it was
// estimated, it is asked once more a moment later: by then the server's tokenizer has counted it.
// A new conversation is counted with the settings and tools its first message will carry.
import { useEffect, useState } from 'react';
import type { ContextStatus } from '../../../../shared/context-window';
import { request } from '../../api/api';
import { streamingAnswer } from '../../state/chat-sending';
import { useAppStore } from '../../state/store';

const recountAfterMs = 1200;

const nudges = new Set<() => void>();

/** Asks the meter to count again: what the next request sends changed (the conversation's settings were saved). */
export function recountContext(): void {
  for (const nudge of nudges) nudge();
}

export function useContextStatus(): ContextStatus | null {
  const openId = useAppStore((s) => s.openId);
  const backendId = useAppStore((s) => s.choice?.backendId ?? null);
  const model = useAppStore((s) => s.choice?.model ?? null);
  // Sent with a new conversation's first message, so counted for it (a saved one's are in main).
  const draft = useAppStore((s) => (s.openId === null ? s.draftSettings : null));
  const draftTools = useAppStore((s) => (s.openId === null ? s.draftTools : null));
  const streaming = useAppStore((s) => streamingAnswer(s.messages) !== null);
  // A backend saved again (a window set for a model in Settings) is asked again.
  const backendSaved = useAppStore((s) => s.backends.find((b) => b.id === s.choice?.backendId)?.updatedAt ?? 0);
  // The branch as far as the count goes: its length, its last message and how that ended.
  const branch = useAppStore((s) => {
    const last = s.messages.at(-1);
    return last ? `${s.messages.length}:${last.id}:${last.status}:${last.content.length}` : '';
  });
  const [status, setStatus] = useState<ContextStatus | null>(null);
  const [nudged, setNudged] = useState(0);

  useEffect(() => {
    const nudge = (): void => setNudged((n) => n + 1);
    nudges.add(nudge);
    return () => {
      nudges.delete(nudge);
    };
  }, []);

  useEffect(() => {
    if (!backendId || !model || streaming) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (again: boolean): void => {
      request('context:status', {
        conversationId: openId,
        backendId,
        model,
        ...(draft ? { settings: draft } : {}),
        // As the first message sends them: none chosen is every tool.
        ...(draftTools?.length ? { tools: [...draftTools] } : {}),
      }).then(
        (next) => {
          if (!live) return;
          setStatus(next);
          if (again && next.estimated && next.window !== null) timer = setTimeout(() => ask(false), recountAfterMs);
        },
        () => {
          if (live) setStatus(null);
        },
      );
    };
    ask(true);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [openId, backendId, model, streaming, branch, backendSaved, nudged, draft, draftTools]);

  return backendId && model ? status : null;
}
