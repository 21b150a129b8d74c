// Builds the picker's groups from backends and their model listings, or, with no backend yet,
// asks the user to set one up.
import { useMemo } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { modelsFor } from '../../state/model-selection';
import { ModelPicker, type ModelGroup } from './model-picker';
import { modelsMessages } from './models-messages';

interface Props {
  onOpenSettings: () => void;
}

export function ModelPickerContainer({ onOpenSettings }: Props) {
  const m = useMessages(modelsMessages);
  const backends = useAppStore((s) => s.backends);
  const loaded = useAppStore((s) => s.backendsLoaded);
  const error = useAppStore((s) => s.backendsError);
  const listings = useAppStore((s) => s.listings);
  const choice = useAppStore((s) => s.choice);
  const selectModel = useAppStore((s) => s.selectModel);

  const groups = useMemo<ModelGroup[]>(
    () =>
      backends.map((backend) => {
        const listing = listings[backend.id];
        const models = [...modelsFor(backend, listing)];
        // A remembered model the server no longer lists stays selectable rather than vanishing.
        if (choice?.backendId === backend.id && !models.includes(choice.model)) models.push(choice.model);
        let note: string | null = null;
        if (listing?.state === 'loading' && !models.length) note = m.loadingModels;
        else if (listing?.state === 'failed' && !models.length) note = m.couldNotList(listing.message);
        else if (!models.length) note = m.noModels;
        return { backendId: backend.id, backendName: backend.name, models, note };
      }),
    [backends, listings, choice, m],
  );

  if (error && !loaded) return <p className="picker-error">{m.couldNotLoadBackends(error)}</p>;
  if (!loaded) return null;
  if (!backends.length) {
    return (
      <div className="setup-prompt">
        <p>{m.setupPrompt}</p>
        <button type="button" onClick={onOpenSettings}>
          {m.setUp}
        </button>
      </div>
    );
  }
  return <ModelPicker groups={groups} choice={choice} onChoose={selectModel} />;
}
