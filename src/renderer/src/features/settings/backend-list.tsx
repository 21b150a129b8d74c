// The configured backends: each with whether its server answers (a dot, in words for screen
// readers), its address, its own "Test connection" with the result on its row, and buttons to
// edit or delete it.
import type { Backend } from '../../../../shared/domain';
import type { BackendId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import { ReachDot } from '../models/reach-dot';
import type { Reach } from '../models/reach-state';
import { backendFormMessages } from './backend-form-messages';
import { testLine, type TestState } from './connection-test';
import { desktopMessages } from './desktop-messages';
import { settingsMessages } from './settings-messages';
import './connection-test.css';

interface Props {
  backends: readonly Backend[];
  editingId: BackendId | null;
  reach: Readonly<Record<string, Reach>>;
  tests: Readonly<Record<string, TestState>>;
  onEdit: (backend: Backend) => void;
  onTest: (backend: Backend) => void;
  onDelete: (backend: Backend) => void;
}

export function BackendList({ backends, editingId, reach, tests, onEdit, onTest, onDelete }: Props) {
  const m = useMessages(settingsMessages);
  const fm = useMessages(backendFormMessages);
  const dm = useMessages(desktopMessages);
  if (!backends.length) return <p className="backend-empty">{m.noBackends}</p>;
  return (
    <ul className="backend-list">
      {backends.map((b) => {
        const test = tests[b.id] ?? { state: 'idle' };
        return (
          <li key={b.id} className={b.id === editingId ? 'backend editing' : 'backend'}>
            <div className="backend-text">
              <ReachDot reach={reach[b.id] ?? 'unknown'} className="backend-head">
                <span className="backend-name">{b.name}</span>
              </ReachDot>
              <span className="backend-detail">
                {b.kind} · {b.baseUrl}
                {b.defaultModel ? ` · ${b.defaultModel}` : ''}
              </span>
              {b.secretsUnreadable && <span className="backend-warning">{dm.keyMissing}</span>}
              {test.state !== 'idle' && (
                <span className="backend-test-line" data-state={test.state} aria-live="polite">
                  {testLine(test, fm)}
                </span>
              )}
            </div>
            <div className="backend-row-actions">
              <button
                type="button"
                aria-label={m.testNamed(b.name)}
                onClick={() => onTest(b)}
                disabled={test.state === 'testing'}
              >
                {m.test}
              </button>
              <button type="button" aria-label={m.editNamed(b.name)} onClick={() => onEdit(b)}>
                {m.edit}
              </button>
              <button type="button" className="danger" aria-label={m.deleteNamed(b.name)} onClick={() => onDelete(b)}>
                {m.delete}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
