// The "Preset" picker in the chat header: choosing a preset opens a new chat that starts with its
// system prompt and parameters; in a new chat it shows which preset the chat will start with.
import type { Preset, PresetId } from '../../../../shared/domain';
import { SelectField, type SelectChoice } from '../../components/select-field';
import { useMessages } from '../../i18n/use-messages';
import { conversationSettingsMessages } from './conversation-settings-messages';

const none = 'none';

interface Props {
  presets: readonly Preset[];
  /** The preset the new chat starts with; null in an open conversation or without one. */
  selected: PresetId | null;
  inNewChat: boolean;
  onPick: (id: PresetId | null) => void;
}

export function PresetPicker({ presets, selected, inNewChat, onPick }: Props) {
  const m = useMessages(conversationSettingsMessages);
  // React Aria keys cannot be empty: "none" stands for no preset.
  const choices: SelectChoice<string>[] = [
    { id: none, label: inNewChat ? m.noPreset : m.newChatFrom },
    ...presets.map((p) => ({ id: p.id, label: p.name })),
  ];
  return (
    <SelectField
      className="preset-picker"
      label={m.preset}
      hideLabel
      choices={choices}
      value={selected ?? none}
      onChange={(id) => onPick(presets.find((p) => p.id === id)?.id ?? null)}
    />
  );
}
