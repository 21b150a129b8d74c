// The question a waiting call asks: "Allow once", "Allow in this conversation", "Always allow",
// "Deny". One answer at a time: the buttons are disabled while it travels, and stay so once main
// applied it (the call's own event then takes them away). An answer main could not apply (the call
// had stopped waiting) or could not send is said for a moment, and the buttons come back.
import { useContext, useEffect, useState } from 'react';
import type { ToolDecision } from '../../../../shared/tools';
import { useMessages } from '../../i18n/use-messages';
import { ToolDecisionContext } from './tool-decision';
import { toolMessages } from './tool-messages';
import { errorText } from '../../i18n/error-text';

/** How long a refused or failed answer is said before it goes. */
export const NOTE_MS = 5000;

type Phase = 'idle' | 'sending' | 'applied';

export function ToolApproval({ callId }: { callId: string }) {
  const m = useMessages(toolMessages);
  const decide = useContext(ToolDecisionContext);
  const [phase, setPhase] = useState<Phase>('idle');
  const [note, setNote] = useState('');

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(''), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  const answer = async (decision: ToolDecision): Promise<void> => {
    setPhase('sending');
    setNote('');
    try {
      const { applied } = await decide(callId, decision);
      if (applied) return setPhase('applied');
      setNote(m.noLongerWaits);
    } catch (err) {
      setNote(m.notSent(errorText(err)));
    }
    setPhase('idle');
  };

  const busy = phase !== 'idle';
  const button = (decision: ToolDecision, label: string, hint?: string, className?: string) => (
    <button
      type="button"
      className={className}
      title={hint}
      disabled={busy}
      aria-busy={phase === 'sending' || undefined}
      onClick={() => void answer(decision)}
    >
      {label}
    </button>
  );

  return (
    <div className="tool-call-approval">
      <p className="tool-call-question">{m.question}</p>
      <div className="tool-call-buttons">
        {button('allow-once', m.allowOnce, undefined, 'primary')}
        {button('allow-conversation', m.allowConversation, m.allowConversationHint)}
        {button('allow-always', m.allowAlways, m.allowAlwaysHint)}
        {button('deny', m.deny, m.denyHint, 'danger')}
      </div>
      <p role="status" className="tool-call-note">
        {note}
      </p>
    </div>
  );
}
