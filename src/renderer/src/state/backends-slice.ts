// Backends, the models each one offers, and the backend+model the next message goes to.
import { toChatError } from '../../../shared/chat-error';
import type { Backend } from '../../../shared/domain';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { loadChoice, reconcileChoice, saveChoice, type ModelChoice, type ModelListing } from './model-selection';

export interface BackendsSlice {
  backends: Backend[];
  backendsLoaded: boolean;
  backendsError: string | null;
  listings: Record<string, ModelListing>;
  choice: ModelChoice | null;
  loadBackends(): Promise<void>;
  loadModels(backend: Backend): Promise<void>;
  selectModel(choice: ModelChoice): void;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const createBackendsSlice: SliceCreator<BackendsSlice> = (set, get) => {
  let loadSeq = 0;
  return {
    backends: [],
    backendsLoaded: false,
    backendsError: null,
    listings: {},
    choice: (() => {
      const s = storage();
      return s ? loadChoice(s) : null;
    })(),

    async loadBackends() {
      const seq = ++loadSeq;
      let backends: Backend[];
      try {
        backends = await request('backends:list', {});
      } catch (err) {
        if (seq === loadSeq) set({ backendsError: toChatError(err).message });
        return;
      }
      if (seq !== loadSeq) return;
      set((state) => {
        const listings: Record<string, ModelListing> = {};
        for (const b of backends) listings[b.id] = state.listings[b.id] ?? { state: 'loading', models: [] };
        return {
          backends,
          backendsLoaded: true,
          backendsError: null,
          listings,
          choice: reconcileChoice(state.choice, backends, listings),
        };
      });
      await Promise.all(backends.map((b) => get().loadModels(b)));
    },

    async loadModels(backend) {
      let listing: ModelListing;
      try {
        listing = { state: 'ok', models: await request('models:list', { backendId: backend.id }) };
      } catch (err) {
        listing = { state: 'failed', models: [], message: toChatError(err).message };
      }
      set((state) => {
        if (!state.backends.some((b) => b.id === backend.id)) return {};
        const listings = { ...state.listings, [backend.id]: listing };
        return { listings, choice: reconcileChoice(state.choice, state.backends, listings) };
      });
    },

    selectModel(choice) {
      const s = storage();
      if (s) saveChoice(s, choice);
      set({ choice });
    },
  };
};
