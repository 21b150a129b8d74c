// The settings window: a modal dialog (Esc and Close both close it) of one size whatever the tab.
// Its content mounts only while open, so every opening starts from a clean form.
import type { ReactNode } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { useMessages } from '../../i18n/use-messages';
import { settingsMessages } from './settings-messages';

interface Props {
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}

export function SettingsDialog({ open, onClose, children }: Props) {
  const m = useMessages(settingsMessages);
  return (
    <ModalDialog open={open} onClose={onClose} id="settings-dialog" className="settings" label={m.title}>
      <header className="settings-head">
        <h2>{m.title}</h2>
        <button type="button" className="settings-close" onClick={onClose}>
          {m.close}
        </button>
      </header>
      {children}
    </ModalDialog>
  );
}
