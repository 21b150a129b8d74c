// Which backend and model the next message goes to: the options offered per backend, the choice
// remembered across sessions in localStorage, and how a stale choice falls back when backends change.
import type { Backend } from '../../../shared/domain';
import type { BackendId } from '../../../shared/ids';
import { asBackendId } from '../../../shared/ids';

export interface ModelChoice {
  backendId: BackendId;
  model: string;
}

/** What `models:list` gave for a backend; `failed` falls back to its default model. */
export type ModelListing =
  | { state: 'loading'; models: string[] }
  | { state: 'ok'; models: string[] }
  | { state: 'failed'; models: string[]; message: string };

const STORAGE_KEY = 'runnel.model';

export function loadChoice(storage: Pick<Storage, 'getItem'>): ModelChoice | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const o = value as Record<string, unknown>;
    if (typeof o.backendId !== 'string' || typeof o.model !== 'string' || !o.model) return null;
    return { backendId: asBackendId(o.backendId), model: o.model };
  } catch {
    return null;
  }
}

export function saveChoice(storage: Pick<Storage, 'setItem'>, choice: ModelChoice): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Storage can be full or disabled; the choice then lasts for this session only.
  }
}

/** The models to offer for a backend: the listed ones, or its default model when listing failed. */
export function modelsFor(backend: Backend, listing: ModelListing | undefined): string[] {
  const listed = listing?.models ?? [];
  if (listed.length) return listed;
  return backend.defaultModel ? [backend.defaultModel] : [];
}

/**
 * Keeps a choice whose backend still exists; otherwise a model of the backend added first (a config
 * file's first entry, not the alphabetical first): its default model, else its first listed model.
 * While that backend's list is still loading nothing is chosen yet, rather than a later backend;
 * one with nothing to offer is passed over.
 */
export function reconcileChoice(
  choice: ModelChoice | null,
  backends: readonly Backend[],
  listings: Readonly<Record<string, ModelListing>>,
): ModelChoice | null {
  if (choice && backends.some((b) => b.id === choice.backendId)) return choice;
  const byAge = [...backends].sort((a, b) => a.createdAt - b.createdAt);
  for (const backend of byAge) {
    const listing = listings[backend.id];
    const model = backend.defaultModel ?? modelsFor(backend, listing)[0];
    if (model) return { backendId: backend.id, model };
    if (listing?.state === 'loading') return null;
  }
  return null;
}

export const choiceKey = (choice: ModelChoice): string => JSON.stringify([choice.backendId, choice.model]);

export function parseChoiceKey(key: string): ModelChoice | null {
  try {
    const value: unknown = JSON.parse(key);
    if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    return { backendId: asBackendId(value[0]), model: value[1] };
  } catch {
    return null;
  }
}
