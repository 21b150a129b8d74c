// The tools the next new conversation offers: chosen in the composer's Tools popover before its
// first message and sent with it (main stores it with the conversation). An open conversation's
// choice lives in main and is read by the popover itself.
import { allTools, type ToolChoice } from '../../../shared/tool-choice';
import type { SliceCreator } from './app-state';

export interface ToolChoiceSlice {
  /** What a new conversation offers on its first message; `allTools` unless the user chose. */
  draftTools: ToolChoice;
  setDraftTools(choice: ToolChoice): void;
}

export const createToolChoiceSlice: SliceCreator<ToolChoiceSlice> = (set) => ({
  draftTools: allTools,
  setDraftTools: (choice) => set({ draftTools: choice }),
});
