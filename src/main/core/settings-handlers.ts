// The contract's settings channels that live in the database: a conversation's system prompt and
// parameters, presets, and the app-wide preferences (each change told to every window).
import { asConversationId } from '../../shared/ids';
import type { EventPayloads, RequestHandlers } from '../../shared/ipc/contract';
import { setParams } from '../backends/backend-store';
import type { Db } from '../db/db';
import { getConversationSettings, setConversationSettings } from '../db/history/conversation-settings-repo';
import { getPreferences, setPreferences } from '../db/settings/preferences-repo';
import { deletePreset, listPresets, savePreset } from '../db/settings/presets-repo';
import { conversationGone } from '../db/history/conversation-gone';

type Channel =
  | 'conversations:settings'
  | 'conversations:save-settings'
  | 'presets:list'
  | 'presets:save'
  | 'presets:delete'
  | 'preferences:get'
  | 'preferences:set';

export interface SettingsDeps {
  db: Db;
  presetsChanged(): void;
  preferencesChanged(preferences: EventPayloads['preferences:changed']): void;
}

export function settingsHandlers({ db, presetsChanged, preferencesChanged }: SettingsDeps): RequestHandlers<Channel> {
  return {
    'conversations:settings': async ({ id }) => {
      const settings = getConversationSettings(db, asConversationId(id));
      if (!settings) throw conversationGone();
      return settings;
    },
    'conversations:save-settings': async ({ id, settings }) => {
      if (!setConversationSettings(db, asConversationId(id), { ...settings, params: setParams(settings.params) })) {
        throw conversationGone();
      }
      return getConversationSettings(db, asConversationId(id)) ?? settings;
    },
    'presets:list': async () => listPresets(db),
    'presets:save': async ({ id, ...draft }) => {
      const preset = savePreset(db, id, { ...draft, params: setParams(draft.params) }, Date.now());
      presetsChanged();
      return preset;
    },
    'presets:delete': async ({ id }) => {
      if (deletePreset(db, id)) presetsChanged();
      return null;
    },
    'preferences:get': async () => getPreferences(db),
    'preferences:set': async (changes) => {
      const saved = setPreferences(db, changes, Date.now());
      preferencesChanged(saved);
      return saved;
    },
  };
}
