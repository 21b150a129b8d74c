// The window (sidebar, chat column, settings dialog) in the language of the preferences; connects the
// store to main while mounted, keeps the document's language and theme in step, owns the shortcuts.
import { useEffect, useState } from 'react';
import { onReconnect, subscribe } from '../api/api';
import { AppNotices } from '../features/app-notices/app-notices';
import { ChatContainer } from '../features/chat/chat-container';
import {
  ConversationSettingsContainer,
  PresetPickerContainer,
} from '../features/conversation-settings/conversation-settings-container';
import { ConversationsContainer, NewChatButton } from '../features/conversations/conversations-container';
import { ExportMenu } from '../features/transfer/export-menu';
import { ModelPickerContainer } from '../features/models/model-picker-container';
import { SettingsContainer } from '../features/settings/settings-container';
import { LanguageContext, useMessages } from '../i18n/use-messages';
import { connectStore } from '../state/connect-store';
import { useAppStore } from '../state/store';
import { appMessages } from './app-messages';
import { applyStoredPreferences, useDocumentPreferences } from './document-preferences';
import { useShortcuts } from './use-shortcuts';

// Before the first render: the theme and language the last session chose, so nothing flashes.
applyStoredPreferences();

/** Puts the caret in the composer, e.g. after Ctrl/Cmd+N. */
function focusComposer(): void {
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('.composer textarea')?.focus());
}

export function App() {
  const language = useAppStore((s) => s.language);
  return (
    <LanguageContext value={language}>
      <AppWindow />
    </LanguageContext>
  );
}

function AppWindow() {
  const [settings, setSettings] = useState<{ open: boolean; section: string }>({ open: false, section: 'backends' });
  const m = useMessages(appMessages);
  const newChat = useAppStore((s) => s.newChat);

  useEffect(() => connectStore(), []);
  useEffect(() => {
    const store = useAppStore.getState();
    void store.loadPreferences();
    const offs = [
      subscribe('preferences:changed', (p) => useAppStore.getState().receivePreferences(p)),
      // Changes made elsewhere while the web host's socket was down arrive with a reload.
      onReconnect(() => void useAppStore.getState().loadPreferences()),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  useDocumentPreferences();

  const openSettings = (section?: string): void => setSettings((s) => ({ open: true, section: section ?? s.section }));
  useShortcuts({
    newChat: () => {
      newChat();
      focusComposer();
    },
    openSettings: () => openSettings(),
  });

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="sidebar-head">
          <span className="brand">Runnel</span>
          <NewChatButton />
        </div>
        <ConversationsContainer />
        <div className="sidebar-foot">
          <button type="button" className="settings-button" onClick={() => openSettings()}>
            {m.settings}
          </button>
        </div>
      </aside>
      <main className="chat">
        <header className="chat-head">
          <ModelPickerContainer onOpenSettings={() => openSettings('backends')} />
          <PresetPickerContainer />
          <ConversationSettingsContainer />
          <ExportMenu />
        </header>
        <AppNotices />
        <ChatContainer />
      </main>
      <SettingsContainer
        open={settings.open}
        section={settings.section}
        onSection={(section) => setSettings((s) => ({ ...s, section }))}
        onClose={() => setSettings((s) => ({ ...s, open: false }))}
      />
    </div>
  );
}
