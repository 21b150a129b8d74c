// The "Compare with" dialog: every (backend, model) pair as a checkbox named "{model} — {backend}",
// the current model named above them (it is always compared), a warning while more are ticked than
// can answer at once, and "Done" to close. Ticks apply as they are made.
import { useEffect, useRef } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { compareMessages } from './compare-messages';

export interface CompareOption {
  key: string;
  label: string;
}

interface Props {
  open: boolean;
  options: readonly CompareOption[];
  selected: ReadonlySet<string>;
  /** The current model's label; null when none is chosen. */
  current: string | null;
  max: number;
  onToggle: (key: string, on: boolean) => void;
  onClose: () => void;
}

export function CompareDialog({ open, options, selected, current, max, onToggle, onClose }: Props) {
  const m = useMessages(compareMessages);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const ticked = selected.size + 1;
  return (
    <dialog ref={dialog} className="compare-dialog" aria-labelledby="compare-dialog-title" onClose={onClose}>
      {open && (
        <>
          <h2 id="compare-dialog-title">{m.dialogTitle}</h2>
          <p className="compare-dialog-hint">{m.dialogHint(max)}</p>
          <p className="compare-dialog-current">{current ? m.current(current) : m.noCurrent}</p>
          {options.length === 0 ? (
            <p className="compare-dialog-hint">{m.noOthers}</p>
          ) : (
            <ul className="compare-options">
              {options.map((option) => (
                <li key={option.key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={selected.has(option.key)}
                      onChange={(event) => onToggle(option.key, event.target.checked)}
                    />
                    <span>{option.label}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {ticked > max && (
            <p role="alert" className="compare-dialog-warning">
              {m.tooMany(max, ticked)}
            </p>
          )}
          <div className="compare-dialog-actions">
            <button type="button" className="compare-done" onClick={onClose}>
              {m.done}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
