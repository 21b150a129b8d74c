// The composer's "Compare" button and its dialog, wired to the store: the options are every model
// of every backend but the current one; what is ticked goes with the next Send.
import { useMemo, useState } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { MAX_COMPARED } from '../../state/chat-compare';
import { choiceKey, modelsFor, parseChoiceKey, type ModelChoice } from '../../state/model-selection';
import { useAppStore } from '../../state/store';
import { CompareDialog, type CompareOption } from './compare-dialog';
import { compareMessages } from './compare-messages';
import './compare.css';

export function CompareButton({ disabled = false }: { disabled?: boolean }) {
  const m = useMessages(compareMessages);
  const backends = useAppStore((s) => s.backends);
  const listings = useAppStore((s) => s.listings);
  const choice = useAppStore((s) => s.choice);
  const compareWith = useAppStore((s) => s.compareWith);
  const setCompareWith = useAppStore((s) => s.setCompareWith);
  const [open, setOpen] = useState(false);

  const { options, current } = useMemo(() => {
    const all: (CompareOption & { choice: ModelChoice })[] = [];
    let currentLabel: string | null = null;
    for (const backend of backends) {
      for (const model of modelsFor(backend, listings[backend.id])) {
        const entry = { backendId: backend.id, model };
        const label = m.option(model, backend.name);
        if (choice && choiceKey(choice) === choiceKey(entry)) currentLabel = label;
        else all.push({ key: choiceKey(entry), label, choice: entry });
      }
    }
    return { options: all, current: currentLabel };
  }, [backends, listings, choice, m]);

  const selected = useMemo(() => new Set(compareWith.map(choiceKey)), [compareWith]);
  const toggle = (key: string, on: boolean) => {
    const picked = parseChoiceKey(key);
    if (!picked) return;
    setCompareWith(on ? [...compareWith, picked] : compareWith.filter((c) => choiceKey(c) !== key));
  };

  return (
    <>
      <button
        type="button"
        className={compareWith.length ? 'composer-compare composer-compare-on' : 'composer-compare'}
        title={compareWith.length ? m.comparing(compareWith.length) : m.compareHint}
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {m.compare}
        {compareWith.length > 0 && (
          <span className="composer-compare-count" aria-hidden="true">
            +{compareWith.length}
          </span>
        )}
      </button>
      {compareWith.length > 0 && <span className="compare-sr">{m.comparing(compareWith.length)}</span>}
      <CompareDialog
        open={open}
        options={options}
        selected={selected}
        current={current}
        max={MAX_COMPARED}
        onToggle={toggle}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
