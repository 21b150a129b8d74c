// What a chat with no messages shows around the composer (which sits in the middle of the page
// until the first message): a greeting and the backend and model the next message goes to, with
// its server's reachability (a button that opens the top bar's model picker), then starter prompts
// below; with no backend yet, a welcome and a button that opens Settings → Backends instead.
import { BookOpen, ChevronDown, CodeXml, Plus, ScrollText, Waves, Workflow, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { focusModelPicker } from '../models/model-picker-focus';
import { ReachDot } from '../models/reach-dot';
import { reachOf, type Reach } from '../models/reach-state';
import { emptyChatMessages, starterIds, type StarterId } from './empty-chat-messages';
import './empty-chat.css';

/** What the intro knows of where the next message goes. */
export type NextTarget =
  | { state: 'loading' }
  | { state: 'no-backend' }
  | { state: 'no-model' }
  | { state: 'ready'; backend: string; model: string; reach: Reach };

/** The backends' state as the intro needs it, read from the store. */
export function useNextTarget(): NextTarget {
  const loaded = useAppStore((s) => s.backendsLoaded);
  const count = useAppStore((s) => s.backends.length);
  const choice = useAppStore((s) => s.choice);
  const backend = useAppStore((s) => s.backends.find((b) => b.id === s.choice?.backendId)?.name ?? null);
  const reach = useAppStore((s) => (s.choice ? reachOf(s.reachability[s.choice.backendId]) : 'unknown'));
  if (!loaded) return { state: 'loading' };
  if (count === 0) return { state: 'no-backend' };
  if (!choice || backend === null) return { state: 'no-model' };
  return { state: 'ready', backend, model: choice.model, reach };
}

/** Runnel's waves, as on its icon. */
function Mark() {
  return (
    <span className="empty-mark" aria-hidden="true">
      <Waves size={26} strokeWidth={2.2} focusable={false} />
    </span>
  );
}

interface IntroProps {
  target: NextTarget;
  onAddBackend: () => void;
}

export function EmptyChatIntro({ target, onAddBackend }: IntroProps) {
  const m = useMessages(emptyChatMessages);
  if (target.state === 'no-backend') {
    return (
      <div className="empty-intro empty-setup">
        <Mark />
        <h1>{m.welcome}</h1>
        <p>{m.noBackend}</p>
        <button type="button" className="primary empty-add-backend" onClick={onAddBackend}>
          <Plus size={16} strokeWidth={2.2} aria-hidden focusable={false} />
          {m.addBackend}
        </button>
      </div>
    );
  }
  return (
    <div className="empty-intro">
      <Mark />
      <h1>{m.greeting}</h1>
      {target.state === 'ready' && (
        <p className="empty-target">
          {/* Named by what it shows; choosing another model is its description and tooltip. */}
          <button type="button" className="empty-target-button" title={m.changeModel} onClick={focusModelPicker}>
            <span className="visually-hidden">{m.nextMessageTo} </span>
            <ReachDot reach={target.reach} labelled>
              <span className="empty-target-model">{target.model}</span>
              <span className="empty-target-backend">{target.backend}</span>
            </ReachDot>
            <ChevronDown className="empty-target-chevron" size={14} strokeWidth={2} aria-hidden focusable={false} />
          </button>
        </p>
      )}
      {target.state === 'no-model' && <p className="empty-target">{m.chooseModel}</p>}
    </div>
  );
}

const starterIcons: Record<StarterId, LucideIcon> = {
  explain: BookOpen,
  code: CodeXml,
  summarise: ScrollText,
  diagram: Workflow,
};

interface StartersProps {
  /** Puts the prompt in the composer (never sends it). */
  onPick: (prompt: string) => void;
}

export function StarterPrompts({ onPick }: StartersProps) {
  const m = useMessages(emptyChatMessages);
  const id = useId();
  return (
    <div className="empty-starters">
      <div className="starter-grid" role="group" aria-label={m.starters}>
        {starterIds.map((starter) => {
          const Icon = starterIcons[starter];
          return (
            <button
              key={starter}
              type="button"
              className="starter"
              aria-label={m.starterTitle(starter)}
              aria-describedby={`${id}-${starter}`}
              onClick={() => onPick(m.starterPrompt(starter))}
            >
              <Icon className="starter-icon" size={18} strokeWidth={1.9} aria-hidden focusable={false} />
              <span className="starter-text">
                <span className="starter-title">{m.starterTitle(starter)}</span>
                <span className="starter-detail" id={`${id}-${starter}`}>
                  {m.starterDetail(starter)}
                </span>
              </span>
            </button>
          );
        })}
      </div>
      <p className="empty-keys">{m.keys}</p>
    </div>
  );
}
