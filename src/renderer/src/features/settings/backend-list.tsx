// The configured backends, each with its address and buttons to edit or delete it.
import type { Backend } from '../../../../shared/domain';
import type { BackendId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import { desktopMessages } from './desktop-messages';
import { settingsMessages } from './settings-messages';

interface Props {
  backends: readonly Backend[];
  editingId: BackendId | null;
  onEdit: (backend: Backend) => void;
  onDelete: (backend: Backend) => void;
}

export function BackendList({ backends, editingId, onEdit, onDelete }: Props) {
  const m = useMessages(settingsMessages);
  const dm = useMessages(desktopMessages);
  if (!backends.length) return <p className="backend-empty">{m.noBackends}</p>;
  return (
    <ul className="backend-list">
      {backends.map((b) => (
        <li key={b.id} className={b.id === editingId ? 'backend editing' : 'backend'}>
          <div className="backend-text">
            <span className="backend-name">{b.name}</span>
            <span className="backend-detail">
              {b.kind} · {b.baseUrl}
              {b.defaultModel ? ` · ${b.defaultModel}` : ''}
            </span>
            {b.secretsUnreadable && <span className="backend-warning">{dm.keyMissing}</span>}
          </div>
          <button type="button" aria-label={m.editNamed(b.name)} onClick={() => onEdit(b)}>
            {m.edit}
          </button>
          <button type="button" className="danger" aria-label={m.deleteNamed(b.name)} onClick={() => onDelete(b)}>
            {m.delete}
          </button>
        </li>
      ))}
    </ul>
  );
}
