// What a conversation does once its history no longer fits the model's context window: leave out
// the oldest messages (the default) or stop and ask. Two radio buttons in their own group.
import { contextOverflowModes, type ContextOverflowMode } from '../../../../shared/context-window';
import { useMessages } from '../../i18n/use-messages';
import { conversationSettingsMessages } from './conversation-settings-messages';

interface Props {
  value: ContextOverflowMode;
  onChange: (value: ContextOverflowMode) => void;
}

export function OverflowChoice({ value, onChange }: Props) {
  const m = useMessages(conversationSettingsMessages);
  const text = {
    'drop-oldest': [m.overflowDrop, m.overflowDropHint],
    ask: [m.overflowAsk, m.overflowAskHint],
  } as const;
  return (
    <fieldset className="conversation-settings-overflow">
      <legend>{m.overflow}</legend>
      {contextOverflowModes.map((mode) => (
        <label key={mode} className="conversation-settings-choice">
          <input
            type="radio"
            name="context-overflow"
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
          />
          <span>
            {text[mode][0]}
            <small className="conversation-settings-hint">{text[mode][1]}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
