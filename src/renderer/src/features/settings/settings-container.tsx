// The settings dialog and its sections. A section is one entry in `sections`: its label and the
// component that owns it; the dialog shows them as tabs.
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { ToolsSettings } from '../tools/tools-settings';
import { toolsMessages } from '../tools/tools-messages';
import { TransferSettings } from '../transfer/transfer-settings';
import { transferMessages } from '../transfer/transfer-messages';
import { AboutSettings } from './about-settings';
import { AppearanceSettings } from './appearance-settings';
import { BackendsSettings } from './backends-settings';
import { desktopMessages } from './desktop-messages';
import { LanguageSettings } from './language-settings';
import { SettingsDialog } from './settings-dialog';
import { settingsMessages } from './settings-messages';
import { SettingsTabs, type SettingsSection } from './settings-tabs';

interface Props {
  open: boolean;
  /** The section shown (its id); the first when unknown. */
  section: string;
  onSection: (section: string) => void;
  onClose: () => void;
}

export function SettingsContainer({ open, section, onSection, onClose }: Props) {
  const m = useMessages(settingsMessages);
  const dm = useMessages(transferMessages);
  const am = useMessages(desktopMessages);
  const tm = useMessages(toolsMessages);
  const preferencesError = useAppStore((s) => s.preferencesError);

  const sections: SettingsSection[] = [
    { id: 'backends', label: m.backends, content: <BackendsSettings /> },
    { id: 'appearance', label: m.appearance, content: <AppearanceSettings /> },
    { id: 'language', label: m.language, content: <LanguageSettings /> },
    { id: 'tools', label: tm.section, content: <ToolsSettings /> },
    { id: 'data', label: dm.title, content: <TransferSettings /> },
    { id: 'about', label: am.about, content: <AboutSettings /> },
  ];

  return (
    <SettingsDialog open={open} onClose={onClose}>
      {preferencesError && (
        <p role="alert" className="form-error settings-error">
          {m.couldNotSave(preferencesError)}
        </p>
      )}
      <SettingsTabs label={m.sections} sections={sections} selected={section} onSelect={onSection} />
    </SettingsDialog>
  );
}
