// A drop-down choice built on React Aria's Select: a button showing the chosen value (its name is
// the value, then the label), a list box in a popover, typeahead and arrow keys, and a hidden native
// select for forms. Used where a plain <select> showed no value or ignored the app's look.
import { Check, ChevronDown } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components/Button';
import { Label } from 'react-aria-components/Label';
import { ListBox, ListBoxItem } from 'react-aria-components/ListBox';
import { Popover } from 'react-aria-components/Popover';
import { Select, SelectValue } from 'react-aria-components/Select';
import { claimPressStyle } from './press-style';

claimPressStyle();

export interface SelectChoice<K extends string> {
  id: K;
  label: string;
  /** The language of the label when it differs from the page's (a language named in itself). */
  lang?: string;
}

interface Props<K extends string> {
  /** The visible label; with `hideLabel` only its accessible name. */
  label: string;
  hideLabel?: boolean;
  choices: readonly SelectChoice<K>[];
  value: K;
  onChange: (value: K) => void;
  /** The id of a note that describes the field. */
  describedBy?: string;
  className?: string;
  /** Shown before the value in the button (e.g. an icon). */
  prefix?: ReactNode;
}

export function SelectField<K extends string>({
  label,
  hideLabel,
  choices,
  value,
  onChange,
  describedBy,
  className,
  prefix,
}: Props<K>) {
  return (
    <Select
      className={`select-field${className ? ` ${className}` : ''}`}
      value={value}
      aria-label={hideLabel ? label : undefined}
      aria-describedby={describedBy}
      onChange={(key) => {
        const picked = choices.find((c) => c.id === key);
        if (picked) onChange(picked.id);
      }}
    >
      {!hideLabel && <Label className="select-field-label">{label}</Label>}
      <Button className="select-field-button">
        {prefix}
        <SelectValue className="select-field-value" />
        <ChevronDown className="select-field-chevron" size={16} strokeWidth={1.75} aria-hidden focusable={false} />
      </Button>
      <Popover className="select-popover" placement="bottom start" offset={4}>
        <ListBox className="select-list" items={choices}>
          {(choice) => (
            <ListBoxItem className="select-option" id={choice.id} textValue={choice.label} lang={choice.lang}>
              <span className="select-option-text">{choice.label}</span>
              <Check className="select-option-check" size={15} strokeWidth={2} aria-hidden focusable={false} />
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
