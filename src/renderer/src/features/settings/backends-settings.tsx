// The Backends section: list, edit, delete, test and save backends, and servers found on this
// machine. Mounted only while the dialog is open, so every opening starts from a new form.
import { Plus } from 'lucide-react';
import { useContext, useEffect, useState } from 'react';
import { reachOf } from '../models/reach-state';
import { toChatError } from '../../../../shared/chat-error';
import type { Backend, DiscoveredServer } from '../../../../shared/domain';
import { request } from '../../api/api';
import { useAppInfo } from '../../api/use-app-info';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { BackendForm, type BackendDraft } from './backend-form';
import { backendFormMessages } from './backend-form-messages';
import { knownModelCount, testOutcome, type TestState } from './connection-test';
import { BackendToEditContext } from './backend-to-edit';
import { BackendList } from './backend-list';
import { desktopMessages } from './desktop-messages';
import { DiscoveredServers } from './discovered-servers';
import { settingsMessages } from './settings-messages';
import { errorText } from '../../i18n/error-text';

/**
 * Which form is showing: a new backend, or one being edited. `round` remounts it after a save;
 * `focus` when the user asked for it ("Add backend", "Edit"), so it comes into view, focus in "Name".
 */
interface FormTarget {
  backend: Backend | null;
  round: number;
  focus: boolean;
  /** The name just saved, confirmed beside Save. */
  saved: string | null;
}

export function BackendsSettings() {
  const m = useMessages(settingsMessages);
  const fm = useMessages(backendFormMessages);
  const dm = useMessages(desktopMessages);
  const protection = useAppInfo()?.keyProtection;
  const backends = useAppStore((s) => s.backends);
  const listings = useAppStore((s) => s.listings);
  const loadBackends = useAppStore((s) => s.loadBackends);
  const reachability = useAppStore((s) => s.reachability);
  const checkReachability = useAppStore((s) => s.checkReachability);
  const toEdit = useContext(BackendToEditContext);
  const [target, setTarget] = useState<FormTarget>(() => ({
    backend: backends.find((b) => b.id === toEdit) ?? null,
    round: 0,
    focus: false,
    saved: null,
  }));
  const [rowTests, setRowTests] = useState<Record<string, TestState>>({});

  // Each backend's dot: look at every server when the section opens.
  const backendIds = backends.map((b) => b.id).join(' ');
  useEffect(() => {
    for (const id of backendIds.split(' ').filter(Boolean)) void checkReachability(id);
  }, [backendIds, checkReachability]);
  const [note, setNote] = useState('');
  const [listError, setListError] = useState<string | null>(null);
  const [found, setFound] = useState<DiscoveredServer[] | null>(null);
  const [searching, setSearching] = useState(false);

  const find = async (): Promise<void> => {
    setSearching(true);
    try {
      setFound(await request('servers:discover', {}));
    } catch (err) {
      setListError(errorText(err));
    } finally {
      setSearching(false);
    }
  };

  // First start: nothing configured yet, so look for servers without being asked.
  const firstStart = backends.length === 0 && found === null;
  useEffect(() => {
    if (!firstStart) return;
    const timer = setTimeout(() => void find(), 0);
    return () => clearTimeout(timer);
  }, [firstStart]);

  const addFound = async (server: DiscoveredServer): Promise<void> => {
    try {
      const saved = await request('backends:save', {
        backend: { name: server.name, kind: server.kind, baseUrl: server.baseUrl },
      });
      setNote(m.added(saved.name));
      setFound((list) => list?.filter((s) => s.baseUrl !== server.baseUrl) ?? null);
      await loadBackends();
    } catch (err) {
      setListError(errorText(err));
    }
  };

  const startNew = (focus = false): void =>
    setTarget((t) => ({ backend: null, round: t.round + 1, focus, saved: null }));
  const edit = (backend: Backend): void => {
    setNote('');
    setTarget((t) => ({ backend, round: t.round + 1, focus: true, saved: null }));
  };

  /** A saved backend's own "Test connection": its stored settings, the result on its row. */
  const testSaved = async (backend: Backend): Promise<void> => {
    setRowTests((all) => ({ ...all, [backend.id]: { state: 'testing' } }));
    let outcome: TestState;
    try {
      outcome = testOutcome(await request('backends:test', { id: backend.id }), fm);
    } catch (err) {
      outcome = testOutcome(toChatError(err), fm);
    }
    setRowTests((all) => ({ ...all, [backend.id]: outcome }));
    void checkReachability(backend.id);
  };

  const remove = async (backend: Backend): Promise<void> => {
    try {
      await request('backends:delete', { id: backend.id });
      setListError(null);
      setNote(m.deleted(backend.name));
      if (target.backend?.id === backend.id) startNew();
      setRowTests(({ [backend.id]: _gone, ...rest }) => rest);
      await loadBackends();
    } catch (err) {
      setListError(errorText(err));
    }
  };

  const test = async (draft: BackendDraft) => {
    try {
      return await request('backends:test', { id: target.backend?.id, backend: draft });
    } catch (err) {
      return toChatError(err);
    }
  };

  const save = async (draft: BackendDraft): Promise<string | null> => {
    try {
      const saved = await request('backends:save', { id: target.backend?.id, backend: draft });
      setNote('');
      // The form stays on what was saved, with "Saved …" beside the button.
      setTarget((t) => ({ backend: saved, round: t.round + 1, focus: false, saved: saved.name }));
      setRowTests(({ [saved.id]: _stale, ...rest }) => rest);
      await loadBackends();
      return null;
    } catch (err) {
      return errorText(err);
    }
  };

  const editing = target.backend;
  return (
    <>
      <section className="settings-section" aria-label={m.backends}>
        <div className="settings-section-head">
          <h3>{m.backends}</h3>
          <button
            type="button"
            onClick={() => {
              setNote('');
              startNew(true);
            }}
          >
            <Plus size={16} strokeWidth={2} aria-hidden focusable={false} />
            {m.addBackend}
          </button>
        </div>
        <BackendList
          backends={backends}
          editingId={editing?.id ?? null}
          reach={Object.fromEntries(backends.map((b) => [b.id, reachOf(reachability[b.id])]))}
          tests={rowTests}
          modelCounts={Object.fromEntries(backends.map((b) => [b.id, knownModelCount(rowTests[b.id], listings[b.id])]))}
          onEdit={edit}
          onTest={(b) => void testSaved(b)}
          onDelete={(b) => void remove(b)}
        />
        {listError && (
          <p role="alert" className="form-error">
            {listError}
          </p>
        )}
        <p className="form-note" aria-live="polite">
          {note}
        </p>
        {protection && (
          <p className={protection === 'linux-weak' || protection === 'unavailable' ? 'form-note weak' : 'form-note'}>
            {dm.keyProtection(dm.protection(protection))}
          </p>
        )}
      </section>
      <DiscoveredServers
        servers={found}
        searching={searching}
        onFind={() => void find()}
        onAdd={(s) => void addFound(s)}
      />
      <BackendForm
        key={`${editing?.id ?? 'new'}-${target.round}`}
        backend={editing}
        knownModels={editing ? (listings[editing.id]?.models ?? []) : []}
        onTest={test}
        onSave={save}
        focusOnMount={target.focus}
        savedName={target.saved}
      />
    </>
  );
}
