// The open conversation's Export menu: its shown branch as Markdown (roles named in the user's language)
// or its whole tree as Runnel JSON, saved as a download. A React Aria menu: arrows move, typing
// jumps, Esc closes and gives the focus back to the button.
import { Download } from 'lucide-react';
import { Button } from 'react-aria-components/Button';
import { Menu, MenuItem, MenuTrigger } from 'react-aria-components/Menu';
import { Popover } from 'react-aria-components/Popover';
import { claimPressStyle } from '../../components/press-style';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { transferMessages } from './transfer-messages';
import './transfer.css';

claimPressStyle();

export function ExportMenu() {
  const m = useMessages(transferMessages);
  const openId = useAppStore((s) => s.openId);
  const exportConversation = useAppStore((s) => s.exportConversation);
  if (!openId) return null;

  const run = (format: 'markdown' | 'json'): void => {
    void exportConversation(openId, format, {
      user: m.roleUser,
      assistant: m.roleAssistant,
      system: m.roleSystem,
      reasoning: m.reasoning,
    });
  };

  return (
    <MenuTrigger>
      <Button className="export-menu-button">
        <Download size={16} strokeWidth={1.9} aria-hidden focusable={false} />
        {m.exportMenu}
      </Button>
      <Popover className="menu-popover" placement="bottom end" offset={4}>
        <Menu className="menu" aria-label={m.exportMenu} onAction={(key) => run(key === 'json' ? 'json' : 'markdown')}>
          <MenuItem id="markdown" className="menu-item">
            {m.exportMarkdown}
          </MenuItem>
          <MenuItem id="json" className="menu-item">
            {m.exportJson}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
