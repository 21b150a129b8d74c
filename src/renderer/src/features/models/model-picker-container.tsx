// Builds the picker's groups from backends and their model listings, or, with no backend yet,
// asks the user to set one up.
import { useMemo } from 'react';
import { useAppStore } from '../../state/store';
import { modelsFor } from '../../state/model-selection';
import { ModelPicker, type ModelGroup } from './model-picker';

interface Props {
  onOpenSettings: () => void;
}

export function ModelPickerContainer({ onOpenSettings }: Props) {
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
        if (listing?.state === 'loading' && !models.length) note = 'Loading models…';
        else if (listing?.state === 'failed' && !models.length) note = `Could not list models: ${listing.message}`;
        else if (!models.length) note = 'No models';
        return { backendId: backend.id, backendName: backend.name, models, note };
      }),
    [backends, listings, choice],
  );

  if (error && !loaded) return <p className="picker-error">Could not load backends: {error}</p>;
  if (!loaded) return null;
  if (!backends.length) {
    return (
      <div className="setup-prompt">
        <p>
          No model server yet. Add the address of your server (vLLM, llama.cpp, Ollama, LM Studio, any OpenAI-compatible
          API) to start chatting.
        </p>
        <button type="button" onClick={onOpenSettings}>
          Set up a model server
        </button>
      </div>
    );
  }
  return <ModelPicker groups={groups} choice={choice} onChoose={selectModel} />;
}
