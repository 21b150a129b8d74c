// The one zustand store, assembled from its feature slices.
import { create } from 'zustand';
import type { AppState } from './app-state';
import { createBackendsSlice } from './backends-slice';
import { createChatSlice } from './chat-slice';
import { createConversationsSlice } from './conversations-slice';
import { createPreferencesSlice } from './preferences-slice';
import { createPresetsSlice } from './presets-slice';
import { createSearchSlice } from './search-slice';
import { createToolChoiceSlice } from './tool-choice-slice';
import { createTransferSlice } from './transfer-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createBackendsSlice(...a),
  ...createConversationsSlice(...a),
  ...createChatSlice(...a),
  ...createPreferencesSlice(...a),
  ...createPresetsSlice(...a),
  ...createSearchSlice(...a),
  ...createToolChoiceSlice(...a),
  ...createTransferSlice(...a),
}));
