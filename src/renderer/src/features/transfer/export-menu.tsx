// The open conversation's Export menu: its shown branch as Markdown (roles named in the user's language)
// or its whole tree as Runnel JSON, saved as a download; a menu button (arrows move, Esc closes and refocuses).
import { Download } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { transferMessages } from './transfer-messages';
import './transfer.css';

export function ExportMenu() {
  const m = useMessages(transferMessages);
  const menuId = useId();
  const openId = useAppStore((s) => s.openId);
  const exportConversation = useAppStore((s) => s.exportConversation);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!openId) return null;

  const run = (format: 'markdown' | 'json'): void => {
    setOpen(false);
    button.current?.focus();
    void exportConversation(openId, format, {
      user: m.roleUser,
      assistant: m.roleAssistant,
      system: m.roleSystem,
      reasoning: m.reasoning,
    });
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const items = Array.from(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <Download size={16} strokeWidth={1.9} aria-hidden focusable={false} />
        {m.exportMenu}
      </button>
      {open && (
        <div role="menu" id={menuId} aria-label={m.exportMenu} onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => run('markdown')}>
            {m.exportMarkdown}
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => run('json')}>
            {m.exportJson}
          </button>
        </div>
      )}
    </div>
  );
}
