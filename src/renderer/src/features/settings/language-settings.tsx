// The Language section: the system's language (the default) or one chosen here, applied at once
// and saved. Each language is named in itself.
import { useId } from 'react';
import { languageSettings, pickLanguage, systemLanguages, type LanguageSetting } from '../../i18n/languages';
import { SelectField } from '../../components/select-field';
import { useMessages } from '../../i18n/use-messages';
import { useAppInfo } from '../../api/use-app-info';
import { useAppStore } from '../../state/store';
import { desktopMessages } from './desktop-messages';
import { languageNames, settingsMessages } from './settings-messages';

/** A language's own name is marked in that language, for screen readers and fonts. */
const languageTags: Partial<Record<LanguageSetting, string>> = { en: 'en', zh: 'zh-Hans' };

export function LanguageSettings() {
  const m = useMessages(settingsMessages);
  const dm = useMessages(desktopMessages);
  const id = useId();
  const setting = useAppStore((s) => s.languageSetting);
  const setLanguageSetting = useAppStore((s) => s.setLanguageSetting);
  const spellcheck = useAppStore((s) => s.spellcheck);
  const setSwitch = useAppStore((s) => s.setSwitch);
  // Spellcheck is Chromium's in the desktop app; a browser has its own setting.
  const desktop = useAppInfo()?.host === 'electron';
  const label = (l: LanguageSetting): string =>
    l === 'system' ? m.languageSystem(languageNames[pickLanguage(systemLanguages())]) : languageNames[l];
  return (
    <section className="settings-section preference-form" aria-label={m.language}>
      <h3>{m.language}</h3>
      <SelectField
        label={m.language}
        choices={languageSettings.map((l) => ({ id: l, label: label(l), lang: languageTags[l] }))}
        value={setting}
        describedBy={`${id}-note`}
        onChange={(l) => void setLanguageSetting(l)}
      />
      <p id={`${id}-note`} className="form-note">
        {m.languageNote}
      </p>
      {desktop && (
        <>
          <label className="check-row" htmlFor={`${id}-spellcheck`}>
            <input
              id={`${id}-spellcheck`}
              type="checkbox"
              checked={spellcheck}
              aria-describedby={`${id}-spellcheck-note`}
              onChange={(e) => void setSwitch({ spellcheck: e.target.checked })}
            />
            {dm.spellcheck}
          </label>
          <p id={`${id}-spellcheck-note`} className="form-note">
            {dm.spellcheckNote}
          </p>
        </>
      )}
    </section>
  );
}
