// The model picker: one option per model, grouped by backend, the value naming both.
import type { BackendId } from '../../../../shared/ids';
import type { ModelChoice } from '../../state/model-selection';
import { choiceKey, parseChoiceKey } from '../../state/model-selection';
import { useMessages } from '../../i18n/use-messages';
import { modelsMessages } from './models-messages';

export interface ModelGroup {
  backendId: BackendId;
  backendName: string;
  models: string[];
  /** Why the list is short: still loading, or listing failed and the default model stands in. */
  note: string | null;
}

interface Props {
  groups: readonly ModelGroup[];
  choice: ModelChoice | null;
  onChoose: (choice: ModelChoice) => void;
}

export function ModelPicker({ groups, choice, onChoose }: Props) {
  const m = useMessages(modelsMessages);
  return (
    <select
      className="model-picker"
      aria-label={m.model}
      value={choice ? choiceKey(choice) : ''}
      onChange={(event) => {
        const picked = parseChoiceKey(event.target.value);
        if (picked) onChoose(picked);
      }}
    >
      {!choice && (
        <option value="" disabled>
          {m.chooseModel}
        </option>
      )}
      {groups.map((group) => (
        <optgroup key={group.backendId} label={group.backendName}>
          {group.models.map((model) => (
            <option key={model} value={choiceKey({ backendId: group.backendId, model })}>
              {model}
            </option>
          ))}
          {group.note && (
            <option value={`note:${group.backendId}`} disabled>
              {group.note}
            </option>
          )}
        </optgroup>
      ))}
    </select>
  );
}
