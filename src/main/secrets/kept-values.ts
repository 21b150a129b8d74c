// Secret values are never sent back to the renderer, so a form that edits a backend's headers or a
// tool server's env/headers sends a name without a value to mean "keep what is stored". One rule
// for both: a value given wins, a missing one is taken from what is stored (found by the caller's
// own matching), and a name with neither is an error naming it.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { appWords } from '../../shared/words/app-words';

export interface KeptValueDraft {
  name: string;
  /** Absent: keep the stored value. */
  value?: string;
}

/** `[name, value]` for every draft, kept values looked up with `stored`; `what` names the kind in the error. */
export function fillKeptValues(
  drafts: readonly KeptValueDraft[],
  stored: (name: string) => string | undefined,
  what: 'header' | 'variable',
): [string, string][] {
  return drafts.map(({ name, value }) => {
    const filled = value ?? stored(name);
    if (filled === undefined)
      throw new ChatFailure(
        chatError(
          'invalid_input',
          appWords.say(what === 'header' ? 'headerNeedsValue' : 'variableNeedsValue', { name }),
        ),
      );
    return [name, filled];
  });
}
