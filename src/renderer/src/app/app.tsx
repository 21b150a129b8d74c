// The window: sidebar (new chat, conversations, settings), the chat column (model picker,
// messages, composer) and the settings dialog. Connects the store to main while mounted.
import { useEffect, useState } from 'react';
import { ChatContainer } from '../features/chat/chat-container';
import { ConversationsContainer, NewChatButton } from '../features/conversations/conversations-container';
import { ModelPickerContainer } from '../features/models/model-picker-container';
import { SettingsContainer } from '../features/settings/settings-container';
import { useMessages } from '../i18n/use-messages';
import { connectStore } from '../state/connect-store';
import { appMessages } from './app-messages';

export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const m = useMessages(appMessages);

  useEffect(() => connectStore(), []);

  const openSettings = (): void => setSettingsOpen(true);

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="sidebar-head">
          <span className="brand">Runnel</span>
          <NewChatButton />
        </div>
        <ConversationsContainer />
        <div className="sidebar-foot">
          <button type="button" className="settings-button" onClick={openSettings}>
            {m.settings}
          </button>
        </div>
      </aside>
      <main className="chat">
        <header className="chat-head">
          <ModelPickerContainer onOpenSettings={openSettings} />
        </header>
        <ChatContainer />
      </main>
      <SettingsContainer open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  );
}
