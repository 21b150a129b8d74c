// Model servers found on this machine, each with a button that adds it as a backend.
import type { DiscoveredServer } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { settingsMessages } from './settings-messages';

interface Props {
  servers: readonly DiscoveredServer[] | null;
  searching: boolean;
  onFind: () => void;
  onAdd: (server: DiscoveredServer) => void;
}

export function DiscoveredServers({ servers, searching, onFind, onAdd }: Props) {
  const m = useMessages(settingsMessages);
  return (
    <section className="settings-section" aria-label={m.serversHere}>
      <div className="settings-section-head">
        <h3>{m.serversHere}</h3>
        <button type="button" onClick={onFind} disabled={searching}>
          {searching ? m.searching : m.findServers}
        </button>
      </div>
      {servers && servers.length === 0 && !searching && <p className="form-note">{m.noServersFound}</p>}
      {servers && servers.length > 0 && (
        <ul className="backend-list">
          {servers.map((s) => (
            <li key={s.baseUrl} className="backend">
              <div className="backend-text">
                <span className="backend-name">{s.server}</span>
                <span className="backend-detail">
                  {s.kind} · {s.baseUrl}
                </span>
              </div>
              <button type="button" onClick={() => onAdd(s)} aria-label={m.addNamed(s.name)}>
                {m.add}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
