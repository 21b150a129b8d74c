// One word for what is known of a backend's server: answered, refused, being checked, or not
// checked yet (or the check itself failed). The dot and its text alternative both follow it.
import type { ReachState } from '../../state/backends-slice';

export type Reach = 'reachable' | 'unreachable' | 'checking' | 'unknown';

export function reachOf(state: ReachState | undefined): Reach {
  const result = state?.result;
  if (result) return result.reachable ? 'reachable' : 'unreachable';
  return state?.checking ? 'checking' : 'unknown';
}
