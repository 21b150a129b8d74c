// The configured backends, one row each: the name with its server's reachability (a dot, in words
// for screen readers), its kind by name (the id in a tooltip) and how many models it serves once
// known, on the first line; the address below, muted and cut to the row's width (the whole of it in
// a tooltip); the last test's summary under it. The row's actions (test
// the connection, edit, delete) are icon buttons named for the backend, their tooltips in words.
import { CircleCheck, CircleX, LoaderCircle, Pencil, PlugZap, Trash2 } from 'lucide-react';
import type { Backend } from '../../../../shared/domain';
import type { BackendId } from '../../../../shared/ids';
import { IconButton } from '../../components/icon-button';
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
  /** How many models each backend serves, where known (connection-test.ts, knownModelCount). */
  modelCounts: Readonly<Record<string, number | null>>;
  onEdit: (backend: Backend) => void;
  onTest: (backend: Backend) => void;
  onDelete: (backend: Backend) => void;
}

const lineIcon = { size: 14, strokeWidth: 2, 'aria-hidden': true, focusable: false } as const;

function TestIcon({ state }: { state: TestState['state'] }) {
  if (state === 'ok') return <CircleCheck {...lineIcon} />;
  if (state === 'failed') return <CircleX {...lineIcon} />;
  if (state === 'testing') return <LoaderCircle {...lineIcon} className="test-spinner" />;
  return null;
}

export function BackendList({ backends, editingId, reach, tests, modelCounts, onEdit, onTest, onDelete }: Props) {
  const m = useMessages(settingsMessages);
  const fm = useMessages(backendFormMessages);
  const dm = useMessages(desktopMessages);
  if (!backends.length) return <p className="backend-empty">{m.noBackends}</p>;
  return (
    <ul className="backend-list">
      {backends.map((b) => {
        const test = tests[b.id] ?? { state: 'idle' };
        const address = b.defaultModel ? `${b.baseUrl} · ${b.defaultModel}` : b.baseUrl;
        const models = modelCounts[b.id] ?? null;
        return (
          <li key={b.id} className={b.id === editingId ? 'backend editing' : 'backend'}>
            <div className="backend-text">
              <div className="backend-title">
                <ReachDot reach={reach[b.id] ?? 'unknown'} className="backend-head">
                  <span className="backend-name">{b.name}</span>
                </ReachDot>
                <span className="backend-facts">
                  <span className="backend-kind" title={b.kind}>
                    {fm.kindName(b.kind)}
                  </span>
                  {models !== null && <span className="backend-models">{fm.modelCount(models)}</span>}
                </span>
              </div>
              <span className="backend-detail" title={address}>
                {address}
              </span>
              {b.secretsUnreadable && <span className="backend-warning">{dm.keyMissing}</span>}
              {test.state !== 'idle' && (
                <span className="backend-test-line" data-state={test.state} aria-live="polite">
                  <TestIcon state={test.state} />
                  <span>{testLine(test, fm)}</span>
                </span>
              )}
            </div>
            <div className="backend-row-actions">
              <IconButton
                label={m.testNamed(b.name)}
                hint={m.test}
                icon={PlugZap}
                size={16}
                disabled={test.state === 'testing'}
                onPress={() => onTest(b)}
              />
              <IconButton label={m.editNamed(b.name)} hint={m.edit} icon={Pencil} size={16} onPress={() => onEdit(b)} />
              <IconButton
                className="danger"
                label={m.deleteNamed(b.name)}
                hint={m.delete}
                icon={Trash2}
                size={16}
                onPress={() => onDelete(b)}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
