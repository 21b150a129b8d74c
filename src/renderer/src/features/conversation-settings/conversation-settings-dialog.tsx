// The conversation settings panel: a modal dialog with the system prompt and the sampling
// parameters of the open conversation (or of the new chat before its first message), and the
// presets. Its content mounts only while open, so every opening starts from the stored values.
import { useState } from 'react';
import type { ConversationSettings, Preset } from '../../../../shared/domain';
import { ModalDialog } from '../../components/modal-dialog';
import { useMessages } from '../../i18n/use-messages';
import { conversationSettingsMessages } from './conversation-settings-messages';
import { OverflowChoice } from './overflow-choice';
import { PresetsSection } from './presets-section';
import { fromForm, paramFields, toForm, type FieldProblem, type ParamField, type SettingsForm } from './settings-form';

interface Props {
  open: boolean;
  forNewChat: boolean;
  /** Null while loading. */
  initial: ConversationSettings | null;
  loadError: string | null;
  presets: readonly Preset[];
  /** Resolve to an error message, or null once done. */
  onSave: (settings: ConversationSettings) => Promise<string | null>;
  onSavePreset: (name: string, settings: ConversationSettings, preset?: Preset) => Promise<string | null>;
  onDeletePreset: (preset: Preset) => Promise<string | null>;
  onClose: () => void;
}

export function ConversationSettingsDialog(props: Props) {
  const m = useMessages(conversationSettingsMessages);
  return (
    <ModalDialog
      open={props.open}
      onClose={props.onClose}
      className="conversation-settings"
      labelledBy="conversation-settings-title"
    >
      <>
        <header className="conversation-settings-head">
          <h2 id="conversation-settings-title">{m.title}</h2>
          <button type="button" onClick={props.onClose}>
            {m.close}
          </button>
        </header>
        {props.loadError ? (
          <p role="alert" className="conversation-settings-error">
            {m.loadFailed(props.loadError)}
          </p>
        ) : props.initial ? (
          <SettingsBody {...props} initial={props.initial} />
        ) : (
          <p className="conversation-settings-hint">{m.loading}</p>
        )}
      </>
    </ModalDialog>
  );
}

function SettingsBody({
  forNewChat,
  initial,
  presets,
  onSave,
  onSavePreset,
  onDeletePreset,
  onClose,
}: Props & { initial: ConversationSettings }) {
  const m = useMessages(conversationSettingsMessages);
  const [form, setForm] = useState<SettingsForm>(() => toForm(initial));
  const [shownProblems, setShownProblems] = useState<Partial<Record<ParamField, FieldProblem>>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const parsed = fromForm(form);

  const problemText = (problem: FieldProblem): string =>
    problem.kind === 'seed'
      ? m.seedError
      : problem.kind === 'integer'
        ? m.integerError(problem.min, problem.max)
        : m.rangeError(problem.min, problem.max);

  const update = (field: Exclude<keyof SettingsForm, 'contextOverflow'>, value: string): void => {
    setForm((f) => ({ ...f, [field]: value }));
    setShownProblems((p) => ({ ...p, [field]: undefined }));
  };

  const save = async (): Promise<void> => {
    if (!parsed.ok) {
      setShownProblems(parsed.problems);
      return;
    }
    setSaving(true);
    const failure = await onSave(parsed.settings);
    setSaving(false);
    if (failure) setError(m.saveFailed(failure));
    else onClose();
  };

  return (
    <>
      <form
        className="conversation-settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <p className="conversation-settings-hint">{forNewChat ? m.forNewChat : m.forThisChat}</p>
        <label className="conversation-settings-field">
          <span>{m.systemPrompt}</span>
          <textarea
            value={form.systemPrompt}
            rows={5}
            placeholder={m.systemPromptPlaceholder}
            onChange={(event) => update('systemPrompt', event.target.value)}
          />
        </label>
        <fieldset className="conversation-settings-params">
          <legend>{m.parameters}</legend>
          {paramFields.map((field) => {
            const problem = shownProblems[field];
            const id = `conversation-setting-${field}`;
            return (
              <div key={field} className="conversation-settings-field">
                <label htmlFor={id}>{m[field]}</label>
                <input
                  id={id}
                  type="text"
                  inputMode={field === 'temperature' || field === 'topP' ? 'decimal' : 'numeric'}
                  value={form[field]}
                  placeholder={m.defaultValue}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-problem` : undefined}
                  onChange={(event) => update(field, event.target.value)}
                />
                {problem && (
                  <small id={`${id}-problem`} className="conversation-settings-error">
                    {problemText(problem)}
                  </small>
                )}
              </div>
            );
          })}
          <p className="conversation-settings-hint">{m.parametersHint}</p>
        </fieldset>
        <OverflowChoice value={form.contextOverflow} onChange={(v) => setForm((f) => ({ ...f, contextOverflow: v }))} />
        {error && (
          <p role="alert" className="conversation-settings-error">
            {error}
          </p>
        )}
        <div className="conversation-settings-buttons">
          <button type="button" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {m.save}
          </button>
        </div>
      </form>
      <PresetsSection
        presets={presets}
        canSaveCurrent={parsed.ok}
        onApply={(preset) => {
          // A preset carries a prompt and parameters; what happens to a long history stays the conversation's.
          setForm((f) => ({ ...toForm(preset), contextOverflow: f.contextOverflow }));
          setShownProblems({});
          setStatus(m.presetApplied(preset.name));
        }}
        onSaveCurrent={(name) => (parsed.ok ? onSavePreset(name, parsed.settings) : Promise.resolve(m.nameNeeded))}
        onRename={(preset, name) => onSavePreset(name, preset, preset)}
        onDelete={onDeletePreset}
        onStatus={setStatus}
      />
      <p role="status" className="conversation-settings-status">
        {status}
      </p>
    </>
  );
}
