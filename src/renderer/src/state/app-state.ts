// The shape of the one store, as the union of its slices; each slice file owns one feature.
import type { StateCreator } from 'zustand';
import type { BackendsSlice } from './backends-slice';
import type { ChatSlice } from './chat-slice';
import type { ConversationsSlice } from './conversations-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { PresetsSlice } from './presets-slice';
import type { SearchSlice } from './search-slice';
import type { ToolChoiceSlice } from './tool-choice-slice';
import type { TransferSlice } from './transfer-slice';

export type AppState = BackendsSlice &
  ConversationsSlice &
  ChatSlice &
  PreferencesSlice &
  PresetsSlice &
  SearchSlice &
  ToolChoiceSlice &
  TransferSlice;

export type SliceCreator<S> = StateCreator<AppState, [], [], S>;
