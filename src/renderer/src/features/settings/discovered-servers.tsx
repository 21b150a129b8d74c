// Model servers found on this machine, each with a button that adds it as a backend.
import type { DiscoveredServer } from '../../../../shared/domain';

interface Props {
  servers: readonly DiscoveredServer[] | null;
  searching: boolean;
  onFind: () => void;
  onAdd: (server: DiscoveredServer) => void;
}

export function DiscoveredServers({ servers, searching, onFind, onAdd }: Props) {
  return (
    <section className="settings-section" aria-label="Servers on this machine">
      <div className="settings-section-head">
        <h3>Servers on this machine</h3>
        <button type="button" onClick={onFind} disabled={searching}>
          {searching ? 'Searching…' : 'Find servers'}
        </button>
      </div>
      {servers && servers.length === 0 && !searching && (
        <p className="form-note">
          No new server answered on the usual ports (11434, 1234, 8080, 8000, 30000, 5001, 8001).
        </p>
      )}
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
              <button type="button" onClick={() => onAdd(s)} aria-label={`Add ${s.name}`}>
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
