// Which backend Settings → Backends opens on: set when the user comes from an answer's error ("Open
// … settings" to check a key or an address); null opens the section on a new backend's form.
import { createContext } from 'react';
import type { BackendId } from '../../../../shared/ids';

export const BackendToEditContext = createContext<BackendId | null>(null);
