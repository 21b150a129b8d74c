// The "Preset" picker in the chat header: choosing a preset opens a new chat that starts with its
// system prompt and parameters; in a new chat it shows which preset the chat will start with.
import type { Preset, PresetId } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { conversationSettingsMessages } from './conversation-settings-messages';

interface Props {
  presets: readonly Preset[];
  /** The preset the new chat starts with; null in an open conversation or without one. */
  selected: PresetId | null;
  inNewChat: boolean;
  onPick: (id: PresetId | null) => void;
}

export function PresetPicker({ presets, selected, inNewChat, onPick }: Props) {
  const m = useMessages(conversationSettingsMessages);
  return (
    <select
      className="preset-picker"
      aria-label={m.preset}
      value={selected ?? ''}
      onChange={(event) => onPick(presets.find((p) => p.id === event.target.value)?.id ?? null)}
    >
      <option value="">{inNewChat ? m.noPreset : m.newChatFrom}</option>
      {presets.map((preset) => (
        <option key={preset.id} value={preset.id}>
          {preset.name}
        </option>
      ))}
    </select>
  );
}
