// A message action as an icon button with a React Aria tooltip (hover after a moment, keyboard focus at
// once); the accessible name is the action's, never the icon's. `labelled` shows the name too.
import type { LucideIcon } from 'lucide-react';
import { Button } from 'react-aria-components/Button';
import { Tooltip, TooltipTrigger } from 'react-aria-components/Tooltip';
import { claimPressStyle } from '../../components/press-style';

claimPressStyle();

interface Props {
  name: string;
  icon: LucideIcon;
  onPress: () => void;
  /** The tooltip's text; the name when absent. */
  hint?: string;
  disabled?: boolean;
  /** Show the name next to the icon. */
  labelled?: boolean;
  className?: string;
}

export function IconAction({ name, icon: Icon, onPress, hint, disabled, labelled, className }: Props) {
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      <Button
        className={`message-action${labelled ? ' message-action-labelled' : ''}${className ? ` ${className}` : ''}`}
        aria-label={name}
        isDisabled={disabled}
        onPress={onPress}
      >
        <Icon size={16} strokeWidth={1.75} aria-hidden focusable={false} />
        {labelled && <span aria-hidden="true">{name}</span>}
      </Button>
      <Tooltip className="action-tooltip" placement="top" offset={6}>
        {hint ?? name}
      </Tooltip>
    </TooltipTrigger>
  );
}
