// Builds the picker's groups from backends, their model listings and their servers' reachability,
// or, with no backend yet, asks the user to set one up (in an open conversation; an empty chat asks
// in the middle of the page, empty-chat.tsx).
import { useCallback, useMemo } from 'react';
import { chatIsEmpty } from '../../state/chat-slice';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { modelsFor } from '../../state/model-selection';
import { ModelPicker, type ModelGroup } from './model-picker';
import { modelsMessages } from './models-messages';
import { reachOf } from './reach-state';

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
  const reachability = useAppStore((s) => s.reachability);
  const emptyChat = useAppStore(chatIsEmpty);

  // Opening the list looks at every backend's server again (the chosen one is watched anyway).
  const checkAll = useCallback(() => {
    const state = useAppStore.getState();
    for (const backend of state.backends) {
      if (!state.reachability[backend.id]?.checking) void state.checkReachability(backend.id);
    }
  }, []);

  const groups = useMemo<ModelGroup[]>(
    () =>
      backends.map((backend) => {
        const listing = listings[backend.id];
        const models = [...modelsFor(backend, listing)];
        // A remembered model the server no longer lists stays selectable rather than vanishing.
        if (choice?.backendId === backend.id && !models.includes(choice.model)) models.push(choice.model);
        let note: string | null = null;
        if (listing?.state === 'loading' && !models.length) note = m.loadingModels;
        // Said even when the default model stands in: it tells why the list is that short.
        else if (listing?.state === 'failed') note = m.couldNotList(listing.message);
        else if (!models.length) note = m.noModels;
        return {
          backendId: backend.id,
          backendName: backend.name,
          models,
          note,
          reach: reachOf(reachability[backend.id]),
        };
      }),
    [backends, listings, choice, reachability, m],
  );

  if (error && !loaded) return <p className="picker-error">{m.couldNotLoadBackends(error)}</p>;
  if (!loaded) return null;
  if (!backends.length) {
    if (emptyChat) return null;
    return (
      <div className="setup-prompt">
        <p>{m.setupPrompt}</p>
        <button type="button" onClick={onOpenSettings}>
          {m.setUp}
        </button>
      </div>
    );
  }
  return <ModelPicker groups={groups} choice={choice} onChoose={selectModel} onOpen={checkAll} />;
}
