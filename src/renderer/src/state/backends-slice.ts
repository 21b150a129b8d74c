// Backends, the models each one offers, the backend+model the next message goes to, and whether
// each backend's server can be reached (the composer's offline notice).
import type { Backend, BackendReachability } from '../../../shared/domain';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { loadChoice, reconcileChoice, saveChoice, type ModelChoice, type ModelListing } from './model-selection';
import { errorText } from '../i18n/error-text';

/** The last reachability check of a backend; `checking` while one runs (the last result stays). */
export interface ReachState {
  checking: boolean;
  result: BackendReachability | null;
  /** Checks in a row that found the server unreachable (the pause before the next one grows with it). */
  failures: number;
  /** When a send was held back because the server was unreachable; cleared once it answers. */
  refusedSendAt: number | null;
}

const unchecked: ReachState = { checking: false, result: null, failures: 0, refusedSendAt: null };

export interface BackendsSlice {
  backends: Backend[];
  backendsLoaded: boolean;
  backendsError: string | null;
  listings: Record<string, ModelListing>;
  choice: ModelChoice | null;
  loadBackends(): Promise<void>;
  loadModels(backend: Backend): Promise<void>;
  selectModel(choice: ModelChoice): void;
  reachability: Record<string, ReachState>;
  /** Asks main whether the backend's server accepts connections; null when the check itself failed. */
  checkReachability(backendId: string): Promise<BackendReachability | null>;
  noteRefusedSend(backendId: string): void;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const createBackendsSlice: SliceCreator<BackendsSlice> = (set, get) => {
  let loadSeq = 0;
  return {
    backends: [],
    backendsLoaded: false,
    backendsError: null,
    listings: {},
    reachability: {},
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
        if (seq === loadSeq) set({ backendsError: errorText(err) });
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
        listing = { state: 'failed', models: [], message: errorText(err) };
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

    async checkReachability(backendId) {
      const mark = (change: Partial<ReachState> | ((before: ReachState) => Partial<ReachState>)) =>
        set((state) => {
          const before = state.reachability[backendId] ?? unchecked;
          const next = typeof change === 'function' ? change(before) : change;
          return { reachability: { ...state.reachability, [backendId]: { ...before, ...next } } };
        });
      mark({ checking: true });
      try {
        const result = await request('backends:check', { id: backendId });
        mark((before) =>
          result.reachable
            ? { checking: false, result, failures: 0, refusedSendAt: null }
            : { checking: false, result, failures: before.failures + 1 },
        );
        return result;
      } catch {
        // Main could not say (the backend was deleted, the socket dropped): claim nothing.
        mark({ checking: false, result: null });
        return null;
      }
    },

    noteRefusedSend(backendId) {
      set((state) => {
        const before = state.reachability[backendId] ?? unchecked;
        return { reachability: { ...state.reachability, [backendId]: { ...before, refusedSendAt: Date.now() } } };
      });
    },
  };
};
