// The Appearance section: the theme (same as the system, light or dark), applied at once and saved.
import { useId } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { isThemeSetting, themeSettings, type ThemeSetting } from '../../state/preferences-slice';
import { useAppStore } from '../../state/store';
import { settingsMessages } from './settings-messages';

export function AppearanceSettings() {
  const m = useMessages(settingsMessages);
  const id = useId();
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const labels: Record<ThemeSetting, string> = { system: m.themeSystem, light: m.themeLight, dark: m.themeDark };
  return (
    <section className="settings-section preference-form" aria-label={m.appearance}>
      <h3>{m.appearance}</h3>
      <label htmlFor={`${id}-theme`}>{m.theme}</label>
      <select
        id={`${id}-theme`}
        value={theme}
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          if (isThemeSetting(e.target.value)) void setTheme(e.target.value);
        }}
      >
        {themeSettings.map((t) => (
          <option key={t} value={t}>
            {labels[t]}
          </option>
        ))}
      </select>
      <p id={`${id}-note`} className="form-note">
        {m.themeNote}
      </p>
    </section>
  );
}
