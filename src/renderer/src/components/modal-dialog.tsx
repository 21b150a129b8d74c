// A modal dialog on React Aria's ModalOverlay, Modal and Dialog: the page behind is inert, focus is
// held inside and given back to the opener on close, Esc closes it. Its content mounts only while
// open, so every opening starts afresh. Overlays opened from inside it (a select's list, a tooltip)
// stay usable, which the native <dialog>'s top layer did not allow.
import type { ReactNode } from 'react';
import { Dialog } from 'react-aria-components/Dialog';
import { Modal, ModalOverlay } from 'react-aria-components/Modal';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The dialog's accessible name, or the id of the heading that names it. */
  label?: string;
  labelledBy?: string;
  /** Sizes the panel (see the feature's style sheet). */
  className: string;
  id?: string;
  children: ReactNode;
}

export function ModalDialog({ open, onClose, label, labelledBy, className, id, children }: Props) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={open}
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
    >
      <Modal className={`modal ${className}`}>
        <Dialog id={id} className="modal-dialog" aria-label={label} aria-labelledby={labelledBy}>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
