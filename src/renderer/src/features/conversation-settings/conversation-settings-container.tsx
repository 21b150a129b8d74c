// Wires the conversation settings panel and the preset picker to the store and main: the open
// conversation's settings are read when the panel opens and saved through main; a new chat's live
// in the store until its first message creates the conversation with them. Presets are loaded
// once and again whenever main says they changed (another window, a restore).
import { SlidersHorizontal } from 'lucide-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ConversationSettings, Preset } from '../../../../shared/domain';
import { request, subscribe } from '../../api/api';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { recountContext } from '../context/use-context-status';
import './conversation-settings.css';
import { conversationSettingsMessages } from './conversation-settings-messages';
import { errorText } from '../../i18n/error-text';

// Not needed for the first paint: the dialog loads when first opened, the picker once a preset exists.
const ConversationSettingsDialog = lazy(() =>
  import('./conversation-settings-dialog').then((m) => ({ default: m.ConversationSettingsDialog })),
);
const PresetPicker = lazy(() => import('./preset-picker').then((m) => ({ default: m.PresetPicker })));

type Loaded = { id: string; settings: ConversationSettings } | { id: string; error: string };

function usePresets(): readonly Preset[] {
  const presets = useAppStore((s) => s.presets);
  const loadPresets = useAppStore((s) => s.loadPresets);
  useEffect(() => {
    void loadPresets();
    return subscribe('presets:changed', () => void loadPresets());
  }, [loadPresets]);
  return presets;
}

export function ConversationSettingsContainer() {
  const m = useMessages(conversationSettingsMessages);
  const openId = useAppStore((s) => s.openId);
  const draft = useAppStore((s) => s.draftSettings);
  const setDraft = useAppStore((s) => s.setDraftSettings);
  const savePreset = useAppStore((s) => s.savePreset);
  const deletePreset = useAppStore((s) => s.deletePreset);
  const presets = usePresets();
  const [open, setOpen] = useState(false);
  // The open conversation's settings (or why they could not be read), for the conversation named.
  const [stored, setStored] = useState<Loaded | null>(null);

  // Read afresh each time the panel opens (the opening cleared what an earlier one read).
  useEffect(() => {
    if (!open || openId === null) return;
    let current = true;
    request('conversations:settings', { id: openId }).then(
      (settings) => current && setStored({ id: openId, settings }),
      (err: unknown) => current && setStored({ id: openId, error: errorText(err) }),
    );
    return () => {
      current = false;
    };
  }, [open, openId]);

  const mine = stored?.id === openId ? stored : null;
  const initial = openId === null ? draft : mine && 'settings' in mine ? mine.settings : null;
  const loadError = mine && 'error' in mine ? mine.error : null;

  const save = async (settings: ConversationSettings): Promise<string | null> => {
    if (openId === null) {
      setDraft(settings);
      return null;
    }
    try {
      const saved = await request('conversations:save-settings', { id: openId, settings });
      setStored({ id: openId, settings: saved });
      recountContext();
      return null;
    } catch (err) {
      return errorText(err);
    }
  };

  const failure = async (work: () => Promise<unknown>): Promise<string | null> => {
    try {
      await work();
      return null;
    } catch (err) {
      return errorText(err);
    }
  };

  return (
    <>
      <button
        type="button"
        className="conversation-settings-button"
        aria-haspopup="dialog"
        onClick={() => {
          setStored(null);
          setOpen(true);
        }}
      >
        <SlidersHorizontal size={16} strokeWidth={1.9} aria-hidden focusable={false} />
        {m.open}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ConversationSettingsDialog
            open={open}
            forNewChat={openId === null}
            initial={initial}
            loadError={openId === null ? null : loadError}
            presets={presets}
            onSave={save}
            onSavePreset={(name, settings, preset) =>
              failure(() => savePreset({ ...(preset ? { id: preset.id } : {}), name, settings }))
            }
            onDeletePreset={(preset) => failure(() => deletePreset(preset.id))}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}

export function PresetPickerContainer() {
  const presets = usePresets();
  const openId = useAppStore((s) => s.openId);
  const draftPresetId = useAppStore((s) => s.draftPresetId);
  const startFromPreset = useAppStore((s) => s.startFromPreset);
  if (presets.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <PresetPicker
        presets={presets}
        selected={openId === null ? draftPresetId : null}
        inNewChat={openId === null}
        onPick={startFromPreset}
      />
    </Suspense>
  );
}
