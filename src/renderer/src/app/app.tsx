// The window (sidebar, chat column, settings dialog) in the language of the preferences; connects the
// store to main while mounted, keeps the document's language and theme in step, owns the shortcuts
// and the sidebar's toggle (a column beside the chat, or below 900 px a drawer over it). A delete's
// Undo notice takes its own room, covering nothing: in the sidebar while it shows (where the delete
// was made), else at the top of the chat column.
import { Settings } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BackendId } from '../../../shared/ids';
import { onReconnect, subscribe } from '../api/api';
import { AppNotices } from '../features/app-notices/app-notices';
import { ChatContainer } from '../features/chat/chat-container';
import {
  ConversationSettingsContainer,
  PresetPickerContainer,
} from '../features/conversation-settings/conversation-settings-container';
import {
  ConversationsContainer,
  NewChatButton,
  UndoDeletesContainer,
} from '../features/conversations/conversations-container';
import { ModelPickerContainer } from '../features/models/model-picker-container';
import { BackendToEditContext } from '../features/settings/backend-to-edit';
import { LanguageContext, useMessages } from '../i18n/use-messages';
import { connectStore } from '../state/connect-store';
import { useAppStore } from '../state/store';
import { appMessages } from './app-messages';
import { applyStoredPreferences, useDocumentPreferences } from './document-preferences';
import { SidebarToggle } from './sidebar-toggle';
import { useShortcuts } from './use-shortcuts';
import { useSidebar } from './use-sidebar';

const sidebarId = 'sidebar';

// Settings (its forms, selects and the modal) loads when first opened, the Export menu with the first
// open conversation: neither is needed for the first paint.
const SettingsContainer = lazy(() =>
  import('../features/settings/settings-container').then((m) => ({ default: m.SettingsContainer })),
);
const ExportMenu = lazy(() => import('../features/transfer/export-menu').then((m) => ({ default: m.ExportMenu })));

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
  const [settings, setSettings] = useState<{ open: boolean; section: string; backendId: BackendId | null }>({
    open: false,
    section: 'backends',
    backendId: null,
  });
  const m = useMessages(appMessages);
  const newChat = useAppStore((s) => s.newChat);
  const sidebarRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const sidebar = useSidebar(sidebarRef, toggleRef);
  const overlay = sidebar.drawer && sidebar.shown;

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

  const openSettings = (section?: string): void =>
    setSettings((s) => ({ open: true, section: section ?? s.section, backendId: null }));
  // From an answer's error: the backend's own form, to check its key or address.
  const openBackendSettings = useCallback(
    (backendId: BackendId) => setSettings({ open: true, section: 'backends', backendId }),
    [],
  );
  useShortcuts({
    newChat: () => {
      newChat();
      sidebar.closeDrawer('none');
      focusComposer();
    },
    openSettings: () => openSettings(),
    toggleSidebar: sidebar.toggle,
    revealSidebar: sidebar.reveal,
  });

  // Esc closes the drawer, after the sidebar's own uses of it (clearing the search, a rename), and
  // before the chat's (stopping an answer), which leaves a handled key alone.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || !overlay || event.defaultPrevented || event.nativeEvent.isComposing) return;
    event.preventDefault();
    sidebar.closeDrawer();
  };

  return (
    <div
      className="app"
      data-sidebar={sidebar.shown ? 'shown' : 'hidden'}
      data-layout={sidebar.drawer ? 'drawer' : 'beside'}
      onKeyDown={onKeyDown}
    >
      <SidebarToggle ref={toggleRef} shown={sidebar.shown} controls={sidebarId} onToggle={sidebar.toggle} />
      {/* tabIndex -1: a click on its empty parts keeps the focus in it, where Esc finds it. */}
      <aside id={sidebarId} ref={sidebarRef} className="sidebar" inert={!sidebar.shown} tabIndex={-1}>
        <div className="sidebar-head">
          <span className="brand">Runnel</span>
          <NewChatButton
            onNewChat={() => {
              // From the drawer, straight to writing, as after Ctrl/Cmd+N.
              if (!overlay) return;
              sidebar.closeDrawer('none');
              focusComposer();
            }}
          />
        </div>
        <ConversationsContainer onPicked={() => sidebar.closeDrawer()} />
        {sidebar.shown && <UndoDeletesContainer />}
        <div className="sidebar-foot">
          <button type="button" className="settings-button ghost" onClick={() => openSettings()}>
            <Settings size={16} strokeWidth={1.9} aria-hidden focusable={false} />
            {m.settings}
          </button>
        </div>
      </aside>
      {overlay && <div className="sidebar-scrim" aria-hidden="true" onClick={() => sidebar.closeDrawer()} />}
      <main className="chat" inert={overlay}>
        <header className="chat-head">
          <ModelPickerContainer onOpenSettings={() => openSettings('backends')} />
          <PresetPickerContainer />
          <ConversationSettingsContainer />
          <Suspense fallback={null}>
            <ExportMenu />
          </Suspense>
        </header>
        <AppNotices />
        {!sidebar.shown && <UndoDeletesContainer />}
        <ChatContainer onOpenBackendSettings={openBackendSettings} onOpenBackends={() => openSettings('backends')} />
      </main>
      {settings.open && (
        <BackendToEditContext value={settings.backendId}>
          <Suspense fallback={null}>
            <SettingsContainer
              open
              section={settings.section}
              onSection={(section) => setSettings((s) => ({ ...s, section, backendId: null }))}
              onClose={() => setSettings((s) => ({ ...s, open: false }))}
            />
          </Suspense>
        </BackendToEditContext>
      )}
    </div>
  );
}
