// The presets inside the settings panel: each with Apply (fills the form), Rename and Delete, and
// "Save as preset" to keep the form's current prompt and parameters under a name.
import { useState } from 'react';
import type { Preset, PresetId } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { conversationSettingsMessages } from './conversation-settings-messages';

interface Props {
  presets: readonly Preset[];
  /** Null when the form cannot be saved as it is (a field is invalid). */
  canSaveCurrent: boolean;
  onApply: (preset: Preset) => void;
  /** Resolves to an error message, or null once saved. */
  onSaveCurrent: (name: string) => Promise<string | null>;
  onRename: (preset: Preset, name: string) => Promise<string | null>;
  onDelete: (preset: Preset) => Promise<string | null>;
  /** What happened last, announced politely. */
  onStatus: (text: string) => void;
}

export function PresetsSection({
  presets,
  canSaveCurrent,
  onApply,
  onSaveCurrent,
  onRename,
  onDelete,
  onStatus,
}: Props) {
  const m = useMessages(conversationSettingsMessages);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<PresetId | null>(null);
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const saveCurrent = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) return setProblem(m.nameNeeded);
    const error = await onSaveCurrent(trimmed);
    setProblem(error);
    if (error) return;
    onStatus(m.presetSaved(trimmed));
    setNaming(false);
    setName('');
  };

  const rename = async (preset: Preset): Promise<void> => {
    const trimmed = newName.trim();
    if (!trimmed) return setProblem(m.nameNeeded);
    const error = await onRename(preset, trimmed);
    setProblem(error);
    if (error) return;
    onStatus(m.presetRenamed(trimmed));
    setRenaming(null);
  };

  return (
    <section className="presets-section" aria-labelledby="presets-heading">
      <h3 id="presets-heading">{m.presets}</h3>
      <p className="conversation-settings-hint">{m.presetsHint}</p>
      {presets.length === 0 ? (
        <p className="conversation-settings-hint">{m.noPresets}</p>
      ) : (
        <ul className="preset-list">
          {presets.map((preset) => (
            <li key={preset.id} className="preset" aria-label={preset.name}>
              {renaming === preset.id ? (
                <form
                  className="preset-rename"
                  onSubmit={(event) => {
                    event.preventDefault();
                    void rename(preset);
                  }}
                >
                  <input
                    aria-label={m.presetName}
                    value={newName}
                    maxLength={200}
                    autoFocus
                    onChange={(event) => setNewName(event.target.value)}
                  />
                  <button type="submit" className="primary">
                    {m.saveName}
                  </button>
                  <button type="button" onClick={() => setRenaming(null)}>
                    {m.cancel}
                  </button>
                </form>
              ) : (
                <>
                  <span className="preset-name">{preset.name}</span>
                  <button type="button" aria-label={m.applyNamed(preset.name)} onClick={() => onApply(preset)}>
                    {m.apply}
                  </button>
                  <button
                    type="button"
                    aria-label={m.renameNamed(preset.name)}
                    onClick={() => {
                      setRenaming(preset.id);
                      setNewName(preset.name);
                      setProblem(null);
                    }}
                  >
                    {m.rename}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    aria-label={m.deleteNamed(preset.name)}
                    onClick={() => {
                      void onDelete(preset).then((error) => {
                        setProblem(error);
                        if (!error) onStatus(m.presetDeleted(preset.name));
                      });
                    }}
                  >
                    {m.delete}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {naming ? (
        <form
          className="preset-save"
          onSubmit={(event) => {
            event.preventDefault();
            void saveCurrent();
          }}
        >
          <input
            aria-label={m.presetName}
            placeholder={m.presetName}
            value={name}
            maxLength={200}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="primary" disabled={!canSaveCurrent}>
            {m.savePreset}
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            {m.cancel}
          </button>
        </form>
      ) : (
        <button
          type="button"
          disabled={!canSaveCurrent}
          onClick={() => {
            setNaming(true);
            setProblem(null);
          }}
        >
          {m.saveAsPreset}
        </button>
      )}
      {problem && (
        <p role="alert" className="conversation-settings-error">
          {problem}
        </p>
      )}
    </section>
  );
}
