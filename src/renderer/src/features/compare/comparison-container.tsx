// Wires a comparison to the store: its answers with this window's live records laid over them, the
// backends' names, which answer waits for its server, and the per-answer Stop and "Continue with this".
import { useCallback, useMemo } from 'react';
import type { MessageId } from '../../../../shared/ids';
import { comparedAnswers } from '../../state/chat-compare';
import { useAppStore } from '../../state/store';
import { ComparisonView, type ComparedColumn } from './comparison-view';
import './compare.css';

export function ComparisonContainer() {
  const comparison = useAppStore((s) => s.comparison);
  const live = useAppStore((s) => s.live);
  const backends = useAppStore((s) => s.backends);
  const shownId = useAppStore((s) => {
    const question = s.comparison?.questionId;
    return s.messages.find((message) => message.parentId === question && message.role === 'assistant')?.id ?? null;
  });
  const stopCompared = useAppStore((s) => s.stopCompared);
  const continueWith = useAppStore((s) => s.continueWith);
  const closeComparison = useAppStore((s) => s.closeComparison);

  const columns = useMemo<ComparedColumn[]>(() => {
    if (!comparison) return [];
    return comparedAnswers(comparison, live).map((answer) => ({
      answer,
      backendName: backends.find((b) => b.id === answer.backendId)?.name ?? '?',
      queued: answer.status === 'streaming' && (live[answer.id]?.queued ?? false),
    }));
  }, [comparison, live, backends]);

  // Stable, so a column that has nothing new does not render again.
  const onStop = useCallback((id: MessageId) => void stopCompared(id), [stopCompared]);
  const onContinue = useCallback((id: MessageId) => void continueWith(id), [continueWith]);

  if (!comparison) return null;
  return (
    <ComparisonView
      columns={columns}
      shownId={shownId}
      onStop={onStop}
      onContinue={onContinue}
      onClose={closeComparison}
    />
  );
}
