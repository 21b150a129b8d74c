// The model picker: a searchable combobox, one section per backend (its name and whether its server
// answers), one option per model named "{model} — {backend}". Typing filters on that name, so a
// backend's name finds all its models.
import { Check, ChevronsUpDown } from 'lucide-react';
import { Button } from 'react-aria-components/Button';
import { ComboBox } from 'react-aria-components/ComboBox';
import { Header } from 'react-aria-components/Header';
import { Input } from 'react-aria-components/Input';
import { ListBox, ListBoxItem, ListBoxSection } from 'react-aria-components/ListBox';
import { Popover } from 'react-aria-components/Popover';
import type { BackendId } from '../../../../shared/ids';
import type { ModelChoice } from '../../state/model-selection';
import { choiceKey, parseChoiceKey } from '../../state/model-selection';
import { useMessages } from '../../i18n/use-messages';
import { claimPressStyle } from '../../components/press-style';
import { modelOptionName } from './model-option-name';
import { modelPickerClass } from './model-picker-focus';
import { modelsMessages } from './models-messages';
import { ReachDot } from './reach-dot';
import type { Reach } from './reach-state';
import './model-picker.css';

claimPressStyle();

export interface ModelGroup {
  backendId: BackendId;
  backendName: string;
  models: string[];
  /** Why the list is short: still loading, or listing failed and the default model stands in. */
  note: string | null;
  reach: Reach;
}

interface Props {
  groups: readonly ModelGroup[];
  choice: ModelChoice | null;
  onChoose: (choice: ModelChoice) => void;
  /** The list opened: a moment to look at every backend's server again. */
  onOpen: () => void;
}

export function ModelPicker({ groups, choice, onChoose, onOpen }: Props) {
  const m = useMessages(modelsMessages);
  const chosenReach = groups.find((g) => g.backendId === choice?.backendId)?.reach;
  return (
    <ComboBox
      className={modelPickerClass}
      aria-label={m.model}
      menuTrigger="focus"
      allowsEmptyCollection
      selectedKey={choice ? choiceKey(choice) : null}
      onSelectionChange={(key) => {
        const picked = typeof key === 'string' ? parseChoiceKey(key) : null;
        if (picked) onChoose(picked);
      }}
      onOpenChange={(open) => {
        if (open) onOpen();
      }}
    >
      <div className="model-picker-field">
        {chosenReach && (
          <span className="model-picker-reach" aria-hidden="true">
            <span className="reach" data-reach={chosenReach}>
              <span className="reach-dot" />
            </span>
          </span>
        )}
        <Input className="model-picker-input" placeholder={m.chooseModel} spellCheck={false} />
        <Button className="model-picker-button" aria-label={m.showModels}>
          <ChevronsUpDown size={15} strokeWidth={1.75} aria-hidden focusable={false} />
        </Button>
      </div>
      <Popover className="model-picker-popover" placement="bottom start" offset={4}>
        <ListBox
          className="model-picker-list"
          renderEmptyState={() => <p className="model-picker-empty">{m.noMatch}</p>}
        >
          {groups.map((group) => (
            <ListBoxSection key={group.backendId} id={`backend:${group.backendId}`} className="model-group">
              <Header className="model-group-head">
                <ReachDot reach={group.reach}>
                  <span className="model-group-name">{group.backendName}</span>
                </ReachDot>
              </Header>
              {group.models.map((model) => {
                const name = modelOptionName(model, group.backendName);
                return (
                  <ListBoxItem
                    key={model}
                    id={choiceKey({ backendId: group.backendId, model })}
                    textValue={name}
                    aria-label={name}
                    className="model-option"
                  >
                    {({ isSelected }) => (
                      <>
                        <span className="model-option-name">{model}</span>
                        {isSelected && <Check size={15} strokeWidth={2} aria-hidden focusable={false} />}
                      </>
                    )}
                  </ListBoxItem>
                );
              })}
              {group.note && (
                <ListBoxItem
                  id={`note:${group.backendId}`}
                  textValue={`${group.note} — ${group.backendName}`}
                  isDisabled
                  className="model-option model-note"
                >
                  {group.note}
                </ListBoxItem>
              )}
            </ListBoxSection>
          ))}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
