// Backends as the core sees them: the SQLite row plus the secret store, combined into what the
// renderer may know (`hasApiKey`, never the key) and what the wire needs (the key itself).
import { backendOptionFields, type BackendOptions } from '../../shared/backend-options';
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { Backend, BackendKind, HttpMode } from '../../shared/domain';
import { asBackendId } from '../../shared/ids';
import {
  deleteBackend,
  findBackendByName,
  getBackend,
  insertBackend,
  listBackends,
  updateBackend,
  type StoredBackend,
} from '../db/backends-repo';
import type { Db } from '../db/open-database';
import type { BackendTarget } from '../providers/types';
import type { SecretStore } from '../secrets/secret-store';

export interface BackendDraft {
  name: string;
  kind: BackendKind;
  baseUrl: string;
  /** undefined keeps the stored key, null removes it. */
  apiKey?: string | null;
  defaultModel?: string | null;
  http?: HttpMode;
  tlsCa?: string | null;
  options?: BackendOptions;
}

/** Kinds that talk over a WebSocket also take ws:// and wss:// base URLs. */
const webSocketKinds: ReadonlySet<BackendKind> = new Set(['openai-realtime', 'websocket-json']);

export function normalizeBaseUrl(raw: string, kind?: BackendKind): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ChatFailure(chatError('invalid_input', `"${raw}" is not a URL (expected e.g. http://127.0.0.1:8000/v1)`));
  }
  const schemes = kind && webSocketKinds.has(kind) ? ['http:', 'https:', 'ws:', 'wss:'] : ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) {
    const allowed = schemes.map((p) => `${p}//`).join(' or ');
    throw new ChatFailure(chatError('invalid_input', `Base URL must start with ${allowed}, not ${url.protocol}`));
  }
  if (url.username || url.password) {
    throw new ChatFailure(chatError('invalid_input', 'Put credentials in the API key field, not in the URL'));
  }
  return url.toString().replace(/\/+$/, '');
}

/** Keeps the options the kind knows (backend-options.ts), without blank values. */
function knownOptions(kind: BackendKind, options: BackendOptions | undefined): BackendOptions {
  const keys = new Set(backendOptionFields[kind].map((f) => f.key));
  return Object.fromEntries(Object.entries(options ?? {}).filter(([k, v]) => keys.has(k) && v.trim() !== ''));
}

export class BackendStore {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<Backend[]> {
    return Promise.all(listBackends(this.db).map((b) => this.toPublic(b)));
  }

  async get(id: string): Promise<Backend> {
    return this.toPublic(this.stored(id));
  }

  stored(id: string): StoredBackend {
    const backend = getBackend(this.db, asBackendId(id));
    if (!backend) throw new ChatFailure(chatError('not_found', 'That backend no longer exists'));
    return backend;
  }

  async save(id: string | undefined, draft: BackendDraft): Promise<Backend> {
    const fields = {
      name: draft.name.trim(),
      kind: draft.kind,
      baseUrl: normalizeBaseUrl(draft.baseUrl, draft.kind),
      defaultModel: draft.defaultModel?.trim() || null,
      http: draft.http ?? 'auto',
      tlsCa: draft.tlsCa?.trim() || null,
      options: knownOptions(draft.kind, draft.options),
      now: this.now(),
    };
    const clash = findBackendByName(this.db, fields.name);
    if (clash && clash.id !== id) {
      throw new ChatFailure(chatError('invalid_input', `A backend named "${fields.name}" already exists`));
    }
    let saved: StoredBackend;
    if (id) {
      this.stored(id);
      updateBackend(this.db, asBackendId(id), fields);
      saved = this.stored(id);
    } else {
      saved = insertBackend(this.db, fields);
    }
    if (draft.apiKey !== undefined) await this.secrets.set(saved.id, draft.apiKey);
    return this.toPublic(saved);
  }

  async remove(id: string): Promise<void> {
    deleteBackend(this.db, asBackendId(id));
    await this.secrets.set(id, null);
  }

  /** What the wire needs, key included. A draft (from the settings form) overrides the saved backend. */
  async target(id: string | undefined, draft?: BackendDraft): Promise<BackendTarget> {
    const saved = id ? this.stored(id) : undefined;
    const source = draft ?? saved;
    if (!source) throw new ChatFailure(chatError('invalid_input', 'Name a saved backend or fill in the form'));
    const apiKey = draft?.apiKey !== undefined ? draft.apiKey : saved ? await this.secrets.get(saved.id) : null;
    return {
      kind: source.kind,
      baseUrl: normalizeBaseUrl(source.baseUrl, source.kind),
      apiKey: apiKey || null,
      http: source.http ?? 'auto',
      tlsCa: source.tlsCa?.trim() || null,
      options: knownOptions(source.kind, source.options),
    };
  }

  /** Applies a provisioning list by name: creates what is missing, updates what differs. */
  async provision(drafts: BackendDraft[]): Promise<void> {
    for (const draft of drafts) {
      const existing = findBackendByName(this.db, draft.name.trim());
      await this.save(existing?.id, draft);
    }
  }

  private async toPublic(b: StoredBackend): Promise<Backend> {
    return { ...b, hasApiKey: await this.secrets.has(b.id) };
  }
}
