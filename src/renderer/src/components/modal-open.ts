// Whether a modal is open (ModalDialog's overlay, or a native <dialog> shown modally): global
// shortcuts leave the page behind it alone. Apart from modal-dialog.tsx, so asking loads no dialog.
export const modalOpen = 'dialog:modal, .modal-overlay';
