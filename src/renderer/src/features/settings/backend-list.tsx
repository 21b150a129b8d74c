// The configured backends, each with its address and buttons to edit or delete it.
import type { Backend } from '../../../../shared/domain';
import type { BackendId } from '../../../../shared/ids';

interface Props {
  backends: readonly Backend[];
  editingId: BackendId | null;
  onEdit: (backend: Backend) => void;
  onDelete: (backend: Backend) => void;
}

export function BackendList({ backends, editingId, onEdit, onDelete }: Props) {
  if (!backends.length) return <p className="backend-empty">No backends yet.</p>;
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
          </div>
          <button type="button" aria-label={`Edit ${b.name}`} onClick={() => onEdit(b)}>
            Edit
          </button>
          <button type="button" className="danger" aria-label={`Delete ${b.name}`} onClick={() => onDelete(b)}>
            Delete
          </button>
        </li>
      ))}
    </ul>
  );
}
