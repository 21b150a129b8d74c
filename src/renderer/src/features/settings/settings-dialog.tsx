// The settings window: a modal <dialog> (Esc and Close both close it). Its content mounts only
// while open, so every opening starts from a clean form.
import { useEffect, useRef, type ReactNode } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { settingsMessages } from './settings-messages';

interface Props {
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}

export function SettingsDialog({ open, onClose, children }: Props) {
  const m = useMessages(settingsMessages);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} id="settings-dialog" className="settings" aria-label={m.title} onClose={onClose}>
      {open && (
        <>
          <header className="settings-head">
            <h2>{m.title}</h2>
            <button type="button" className="settings-close" onClick={onClose}>
              {m.close}
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}
