// The "icon with tooltip" button variant: an icon only, its accessible name the action's (never the
// icon's), the name (or a hint) in a React Aria tooltip on hover after a moment and at once on
// keyboard focus.
import type { LucideIcon } from 'lucide-react';
import { Button } from 'react-aria-components/Button';
import { Tooltip, TooltipTrigger } from 'react-aria-components/Tooltip';
import { claimPressStyle } from './press-style';

claimPressStyle();

interface Props {
  label: string;
  icon: LucideIcon;
  onPress?: () => void;
  /** The tooltip's text; the label when absent. */
  hint?: string;
  type?: 'button' | 'submit';
  disabled?: boolean;
  className?: string;
  size?: number;
}

export function IconButton({
  label,
  icon: Icon,
  onPress,
  hint,
  type = 'button',
  disabled,
  className,
  size = 18,
}: Props) {
  return (
    <TooltipTrigger delay={500} closeDelay={100}>
      <Button
        type={type}
        className={`icon-button${className ? ` ${className}` : ''}`}
        aria-label={label}
        isDisabled={disabled}
        onPress={onPress}
      >
        <Icon size={size} strokeWidth={1.9} aria-hidden focusable={false} />
      </Button>
      <Tooltip className="action-tooltip" placement="top" offset={6}>
        {hint ?? label}
      </Tooltip>
    </TooltipTrigger>
  );
}
