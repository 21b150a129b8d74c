// The composer's offline notice: which backend cannot be reached, at which address, and why, with
// a button to check again. Sending to it is held back (the text stays in the composer) rather than
// failing: an answer that could only fail would clutter the conversation with an error message,
// and Send stays usable, because it checks again first and sends at once if the server is back.
import { useCallback } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { modelsMessages } from './models-messages';
import { useBackendStatus } from './use-backend-status';

export function BackendStatus() {
  const m = useMessages(modelsMessages);
  const { backend, reach, recheck } = useBackendStatus();
  const result = reach?.result;
  if (!backend || !result || result.reachable) return null;
  return (
    <div role="alert" className="backend-status" data-backend={backend.id}>
      <div className="backend-status-text">
        <strong>{m.unreachable(backend.name, backend.baseUrl, result.reason, result.detail)}</strong>
        <span>{reach.refusedSendAt ? m.notSent : m.offlineHelp}</span>
      </div>
      <button type="button" onClick={recheck} disabled={reach.checking}>
        {reach.checking ? m.checking : m.retry}
      </button>
    </div>
  );
}

/**
 * Wraps the composer's send: while the chosen backend is known to be unreachable, check again
 * first; send if it answers now, otherwise keep the text (resolve false) and say so in the notice.
 */
export function useGuardedSend<A extends unknown[]>(
  send: (...args: A) => Promise<boolean>,
): (...args: A) => Promise<boolean> {
  return useCallback(
    async (...args: A) => {
      const state = useAppStore.getState();
      const id = state.choice?.backendId;
      if (id && state.reachability[id]?.result?.reachable === false) {
        const now = await state.checkReachability(id);
        if (now && !now.reachable) {
          useAppStore.getState().noteRefusedSend(id);
          return false;
        }
      }
      return send(...args);
    },
    [send],
  );
}
