// The button that hides and shows the sidebar (Ctrl/Cmd+B): one toggle whose name says what it
// will do, with aria-expanded and aria-controls naming the sidebar; the shortcut in its tooltip.
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import type { Ref } from 'react';
import { useMessages } from '../i18n/use-messages';
import { appMessages } from './app-messages';
import { isMacPlatform } from './use-shortcuts';

interface Props {
  shown: boolean;
  /** The sidebar's element id. */
  controls: string;
  onToggle: () => void;
  ref?: Ref<HTMLButtonElement>;
}

export function SidebarToggle({ shown, controls, onToggle, ref }: Props) {
  const m = useMessages(appMessages);
  const mac = isMacPlatform();
  const name = shown ? m.hideSidebar : m.showSidebar;
  const Icon = shown ? PanelLeftClose : PanelLeftOpen;
  return (
    <button
      ref={ref}
      type="button"
      className="icon-button sidebar-toggle"
      aria-label={name}
      aria-expanded={shown}
      aria-controls={controls}
      aria-keyshortcuts={mac ? 'Meta+B' : 'Control+B'}
      title={m.withShortcut(name, mac ? '⌘B' : 'Ctrl+B')}
      onClick={onToggle}
    >
      <Icon size={18} strokeWidth={1.75} aria-hidden focusable={false} />
    </button>
  );
}
