// The Appearance section: the theme (same as the system, light or dark), applied at once and saved.
import { useId } from 'react';
import { SelectField } from '../../components/select-field';
import { useMessages } from '../../i18n/use-messages';
import { themeSettings, type ThemeSetting } from '../../state/preferences-slice';
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
      <SelectField
        label={m.theme}
        choices={themeSettings.map((t) => ({ id: t, label: labels[t] }))}
        value={theme}
        describedBy={`${id}-note`}
        onChange={(t) => void setTheme(t)}
      />
      <p id={`${id}-note`} className="form-note">
        {m.themeNote}
      </p>
    </section>
  );
}
