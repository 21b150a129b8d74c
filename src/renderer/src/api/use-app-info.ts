// What the host is and can do (`app:info`): its version, whether it is the desktop app, how keys
// are kept, whether it can look for updates. Asked once per mounted component; null until known.
import { useEffect, useState } from 'react';
import type { RequestOutput } from '../../../shared/ipc/contract';
import { request } from './api';

export type AppInfo = RequestOutput<'app:info'>;

export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    request('app:info', {}).then(
      (value) => live && setInfo(value),
      () => {}, // the chat shows a host that cannot be reached
    );
    return () => {
      live = false;
    };
  }, []);
  return info;
}
