// The settings sections as tabs (WAI-ARIA tabs pattern): a tab list beside one panel; arrow keys,
// Home and End move between tabs. Sections are data, so a feature adds one with one entry.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface SettingsSection {
  id: string;
  label: string;
  content: ReactNode;
}

interface Props {
  label: string;
  sections: readonly SettingsSection[];
  selected: string;
  onSelect: (id: string) => void;
}

export function SettingsTabs({ label, sections, selected, onSelect }: Props) {
  const base = useId();
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const current = sections.find((s) => s.id === selected) ?? sections[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = sections.findIndex((s) => s.id === current?.id);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowRight: index + 1,
      ArrowUp: index - 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: sections.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = sections[(target + sections.length) % sections.length];
    if (!next) return;
    onSelect(next.id);
    tabs.current.get(next.id)?.focus();
  };

  return (
    <div className="settings-body">
      <div
        role="tablist"
        aria-label={label}
        aria-orientation="vertical"
        className="settings-tabs"
        onKeyDown={onKeyDown}
      >
        {sections.map((s) => (
          <button
            key={s.id}
            ref={(el) => {
              if (el) tabs.current.set(s.id, el);
              else tabs.current.delete(s.id);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${s.id}`}
            aria-selected={s.id === current?.id}
            aria-controls={`${base}-panel-${s.id}`}
            tabIndex={s.id === current?.id ? 0 : -1}
            onClick={() => onSelect(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      {/* Every panel stays mounted (hidden when not chosen), so a half-typed form survives a look elsewhere. */}
      {sections.map((s) => (
        <div
          key={s.id}
          role="tabpanel"
          id={`${base}-panel-${s.id}`}
          aria-labelledby={`${base}-tab-${s.id}`}
          className="settings-panel"
          hidden={s.id !== current?.id}
        >
          {s.content}
        </div>
      ))}
    </div>
  );
}
