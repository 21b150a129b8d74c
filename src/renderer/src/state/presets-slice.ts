// Presets (a named system prompt plus parameters) and the settings the next new conversation starts
// with: a preset's, or whatever the settings panel set before the first message was sent.
import type { ConversationSettings, Preset, PresetId } from '../../../shared/domain';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { errorText } from '../i18n/error-text';

export const emptySettings: ConversationSettings = { systemPrompt: '', params: {} };

export interface PresetsSlice {
  presets: Preset[];
  presetsError: string | null;
  /** What a new conversation is created with on its first message. */
  draftSettings: ConversationSettings;
  /** The preset the draft came from, while it is unchanged. */
  draftPresetId: PresetId | null;
  loadPresets(): Promise<void>;
  /** Creates a preset, or renames/updates the one with `id`; throws with main's reason. */
  savePreset(input: { id?: PresetId; name: string; settings: ConversationSettings }): Promise<Preset>;
  deletePreset(id: PresetId): Promise<void>;
  /** A new chat that will start with this preset (or with nothing, for null). */
  startFromPreset(id: PresetId | null): void;
  setDraftSettings(settings: ConversationSettings): void;
}

export const createPresetsSlice: SliceCreator<PresetsSlice> = (set, get) => {
  let seq = 0;
  return {
    presets: [],
    presetsError: null,
    draftSettings: emptySettings,
    draftPresetId: null,

    async loadPresets() {
      const mine = ++seq;
      try {
        const presets = await request('presets:list', {});
        if (mine !== seq) return;
        // A preset deleted elsewhere no longer names the draft (its settings stay).
        set((state) => ({
          presets,
          presetsError: null,
          draftPresetId: presets.some((p) => p.id === state.draftPresetId) ? state.draftPresetId : null,
        }));
      } catch (err) {
        if (mine === seq) set({ presetsError: errorText(err) });
      }
    },

    async savePreset({ id, name, settings }) {
      const preset = await request('presets:save', {
        ...(id ? { id } : {}),
        name,
        systemPrompt: settings.systemPrompt,
        params: settings.params,
      });
      await get().loadPresets();
      return preset;
    },

    async deletePreset(id) {
      await request('presets:delete', { id });
      await get().loadPresets();
    },

    startFromPreset(id) {
      get().newChat();
      const preset = get().presets.find((p) => p.id === id);
      set({
        draftSettings: preset ? { systemPrompt: preset.systemPrompt, params: { ...preset.params } } : emptySettings,
        draftPresetId: preset ? preset.id : null,
      });
    },

    setDraftSettings(settings) {
      set({ draftSettings: settings, draftPresetId: null });
    },
  };
};
