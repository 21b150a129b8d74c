// A backend's reachability as a coloured dot, with the same fact in words: for screen readers only,
// after the label it qualifies (`children`, e.g. the backend's name), or shown with `labelled`.
import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { modelsMessages } from './models-messages';
import type { Reach } from './reach-state';
import './reach-dot.css';

interface Props {
  reach: Reach;
  /** What the dot is about, between the dot and the words. */
  children?: ReactNode;
  /** Show the words next to the dot, not only to screen readers. */
  labelled?: boolean;
  className?: string;
}

export function ReachDot({ reach, children, labelled, className }: Props) {
  const m = useMessages(modelsMessages);
  return (
    <span className={`reach${className ? ` ${className}` : ''}`} data-reach={reach}>
      <span className="reach-dot" aria-hidden="true" />
      {children}
      <span className={labelled ? 'reach-text' : 'visually-hidden'}> {m.reach(reach)}</span>
    </span>
  );
}
