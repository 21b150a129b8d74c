// A button that copies text to the clipboard and says so for a moment. Its accessible name stays
// fixed (tests and screen readers find it by name), only the visible label changes.
import { useEffect, useState } from 'react';

interface Props {
  text: string;
  /** The accessible name; defaults to "Copy". */
  label?: string;
  className?: string;
}

type Outcome = 'idle' | 'copied' | 'failed';

export function CopyButton({ text, label = 'Copy', className }: Props) {
  const [outcome, setOutcome] = useState<Outcome>('idle');

  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = setTimeout(() => setOutcome('idle'), 1500);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };

  return (
    <button type="button" className={className ?? 'copy-button'} aria-label={label} onClick={copy}>
      {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}
