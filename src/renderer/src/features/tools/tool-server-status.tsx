// A server's status line: connecting, connected with its tool count, failed with the reason, when it
// tries again (counting down) and the last lines it wrote to stderr, or off. The reason and stderr
// are the server's own words: text only.
import { useContext, useEffect, useState } from 'react';
import type { ToolServerStatus } from '../../../../shared/tools';
import { LanguageContext, useMessages } from '../../i18n/use-messages';
import type { Language } from '../../i18n/languages';
import { wordsIn } from '../../../../shared/words/all-words';
import { toolsMessages, type ToolsMessages } from './tools-messages';

interface Props {
  status: ToolServerStatus;
  /** When the status was read: the retry counts down from there. */
  readAt: number;
}

/** Now, once a second while `running`. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}

function headline(status: ToolServerStatus, m: ToolsMessages, language: Language): string {
  switch (status.state) {
    case 'connecting':
      return m.connecting;
    case 'connected':
      return m.connected(status.toolCount);
    case 'failed':
      // Runnel's own reason in the UI's language; a server's own words as they came.
      return m.failed(wordsIn(language, status.said, status.reason));
    case 'stopped':
      return m.stopped;
  }
}

export function ToolServerStatusLine({ status, readAt }: Props) {
  const m = useMessages(toolsMessages);
  const language = useContext(LanguageContext);
  const retries = status.state === 'failed' && status.retryInMs > 0;
  const now = useNow(retries);
  // `now` may predate this status (it ticks only while a retry is due): the count starts at readAt.
  const left = retries ? Math.ceil((readAt + status.retryInMs - Math.max(now, readAt)) / 1000) : 0;
  return (
    <div className="tool-server-status" data-state={status.state}>
      <p className="tool-server-headline">
        <span className="tool-server-dot" aria-hidden="true" />
        {headline(status, m, language)}
        {retries && ` ${left > 0 ? m.retryIn(left) : m.retryingNow}`}
      </p>
      {status.state === 'failed' && status.stderrTail.length > 0 && (
        <div className="tool-server-stderr">
          <div className="field-note">{m.stderr}</div>
          <pre>{status.stderrTail.join('\n')}</pre>
        </div>
      )}
    </div>
  );
}
