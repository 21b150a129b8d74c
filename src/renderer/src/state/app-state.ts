// The shape of the one store, as the union of its slices; each slice file owns one feature.
import type { StateCreator } from 'zustand';
import type { BackendsSlice } from './backends-slice';
import type { ChatSlice } from './chat-slice';
import type { ConversationsSlice } from './conversations-slice';

export type AppState = BackendsSlice & ConversationsSlice & ChatSlice;

export type SliceCreator<S> = StateCreator<AppState, [], [], S>;
