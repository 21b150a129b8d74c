// The MCP servers as main reports them, read again on every `tools:changed` event and after the web
// host's socket comes back (events may have been missed). Events come in bursts while servers
// start; one read runs at a time, and one more follows it if anything changed meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ToolServerView } from '../../../../shared/tools';
import { onReconnect, request, subscribe } from '../../api/api';
import { errorText } from '../../i18n/error-text';

export interface ToolServers {
  /** null until the first answer. */
  servers: ToolServerView[] | null;
  /** When the list was read (a failed server's retry counts down from there). */
  readAt: number;
  error: string | null;
  reload: () => void;
  /** A server as main just answered it (a save), shown before the next read. */
  put: (server: ToolServerView) => void;
}

interface Read {
  servers: ToolServerView[] | null;
  readAt: number;
  error: string | null;
}

export function useToolServers(): ToolServers {
  const [state, setState] = useState<Read>({ servers: null, readAt: 0, error: null });
  const read = useRef<() => void>(() => {});

  useEffect(() => {
    let alive = true;
    let reading = false;
    let again = false;
    const next = (): void => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      again = false;
      void request('tools:servers', {})
        .then(
          (servers) => alive && setState({ servers, readAt: Date.now(), error: null }),
          (err: unknown) => alive && setState((s) => ({ ...s, error: errorText(err) })),
        )
        .finally(() => {
          reading = false;
          if (again && alive) next();
        });
    };
    read.current = next;
    next();
    const offChanged = subscribe('tools:changed', next);
    const offReconnect = onReconnect(next);
    return () => {
      alive = false;
      offChanged();
      offReconnect();
    };
  }, []);

  const reload = useCallback(() => read.current(), []);
  const put = useCallback((server: ToolServerView) => {
    setState((s) => {
      const list = s.servers ?? [];
      const servers = list.some((v) => v.id === server.id)
        ? list.map((v) => (v.id === server.id ? server : v))
        : [...list, server];
      return { ...s, servers, readAt: Date.now() };
    });
  }, []);
  return { ...state, reload, put };
}
