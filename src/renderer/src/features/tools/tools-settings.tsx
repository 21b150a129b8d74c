// Settings → Tools: the MCP servers (kept fresh by `tools:changed`), turning one on or off, adding
// or editing one in a form, removing one, and importing a pasted `mcpServers` config.
import { useId, useRef, useState } from 'react';
import type { ToolServerView } from '../../../../shared/tools';
import { request } from '../../api/api';
import { useMessages } from '../../i18n/use-messages';
import { PasteConfig, type ImportResult } from './paste-config';
import { toggledDraft, type ToolServerDraft } from './tool-server-fields';
import { ToolServerForm } from './tool-server-form';
import { ToolServerList } from './tool-server-list';
import { toolsMessages } from './tools-messages';
import { useToolServers } from './use-tool-servers';
import './tools.css';
import { errorText } from '../../i18n/error-text';

/** The form showing: a new server, or one being edited; `round` remounts it for a fresh start. */
type FormTarget = { server: ToolServerView | null; round: number } | null;

export function ToolsSettings() {
  const m = useMessages(toolsMessages);
  const { servers, readAt, error: loadError, reload, put } = useToolServers();
  const [form, setForm] = useState<FormTarget>(null);
  const [pasting, setPasting] = useState(false);
  /** Switches on their way to main, by server: the state asked for, shown until main answers. */
  const [switching, setSwitching] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const open = (server: ToolServerView | null): void => {
    setNote('');
    setForm((f) => ({ server, round: (f?.round ?? 0) + 1 }));
  };
  const close = (): void => {
    setForm(null);
    addButton.current?.focus();
  };

  const save = async (draft: ToolServerDraft): Promise<string | null> => {
    try {
      // The switch may have moved since the form opened: the list has the server as it is now.
      const now = servers?.find((s) => s.id === form?.server?.id);
      const server = now ? { ...draft, enabled: now.enabled } : draft;
      const saved = await request('tools:save-server', { id: form?.server?.id, server });
      put(saved);
      setNote(m.saved(saved.name));
      close();
      return null;
    } catch (err) {
      return errorText(err);
    }
  };

  const toggle = async (server: ToolServerView, enabled: boolean): Promise<void> => {
    setSwitching((s) => new Map(s).set(server.id, enabled));
    try {
      put(await request('tools:save-server', { id: server.id, server: toggledDraft(server, enabled) }));
      setError(null);
      setNote(enabled ? m.turnedOn(server.name) : m.turnedOff(server.name));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSwitching((s) => {
        const next = new Map(s);
        next.delete(server.id);
        return next;
      });
    }
  };

  const remove = async (server: ToolServerView): Promise<void> => {
    try {
      await request('tools:delete-server', { id: server.id });
      setError(null);
      setNote(m.removed(server.name));
      if (form?.server?.id === server.id) setForm(null);
    } catch (err) {
      setError(errorText(err));
    }
    reload();
  };

  const importConfig = async (text: string): Promise<ImportResult | string> => {
    try {
      const result = await request('tools:import', { text });
      reload();
      return result;
    } catch (err) {
      return errorText(err);
    }
  };

  return (
    <div className="tools-settings">
      <section className="settings-section" aria-labelledby={titleId}>
        <div className="settings-section-head">
          <h3 id={titleId}>{m.servers}</h3>
          <div className="tools-actions">
            <button type="button" aria-expanded={pasting} onClick={() => setPasting((p) => !p)}>
              {m.pasteConfig}
            </button>
            <button type="button" ref={addButton} onClick={() => open(null)}>
              {m.addServer}
            </button>
          </div>
        </div>
        <p className="form-note tools-note">{m.serversNote}</p>
        {servers === null ? (
          !loadError && <p className="backend-empty">{m.loading}</p>
        ) : (
          <ToolServerList
            servers={servers}
            readAt={readAt}
            editingId={form?.server?.id ?? null}
            switching={switching}
            onToggle={(s, enabled) => void toggle(s, enabled)}
            onEdit={open}
            onRemove={(s) => void remove(s)}
          />
        )}
        {(error ?? loadError) && (
          <p role="alert" className="form-error">
            {error ?? m.couldNotLoad(loadError ?? '')}
          </p>
        )}
        <p className="form-note" aria-live="polite">
          {note}
        </p>
      </section>
      {pasting && <PasteConfig onImport={importConfig} />}
      {form && (
        <ToolServerForm
          key={`${form.server?.id ?? 'new'}-${form.round}`}
          server={form.server}
          onSave={save}
          onCancel={close}
        />
      )}
    </div>
  );
}
