// A button that copies text to the clipboard and says so for a moment. Its accessible name stays
// fixed (tests and screen readers find it by name), only the visible label changes; the outcome is
// announced politely.
import { useEffect, useState } from 'react';
import { useMessages } from '../i18n/use-messages';
import { copyButtonMessages } from './copy-button-messages';

interface Props {
  text: string;
  /** The accessible name; defaults to "Copy". */
  label?: string;
  className?: string;
}

export type CopyOutcome = 'idle' | 'copied' | 'failed';

/** Copies text to the clipboard; the outcome shows for a moment, then goes back to idle. */
export function useCopyText(): { outcome: CopyOutcome; copy: (text: string) => void } {
  const [outcome, setOutcome] = useState<CopyOutcome>('idle');

  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 1500);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = (text: string): void => {
    // Without a secure context (a web host reached by a LAN address) there is no clipboard API.
    if (!navigator.clipboard) {
      setOutcome('failed');
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };
  return { outcome, copy };
}

export function CopyButton({ text, label, className }: Props) {
  const m = useMessages(copyButtonMessages);
  const { outcome, copy } = useCopyText();

  return (
    <button
      type="button"
      className={className ?? 'copy-button'}
      aria-label={label ?? m.copy}
      data-outcome={outcome === 'idle' ? undefined : outcome}
      onClick={() => copy(text)}
    >
      <span aria-live="polite">{outcome === 'copied' ? m.copied : outcome === 'failed' ? m.failed : m.copy}</span>
    </button>
  );
}
