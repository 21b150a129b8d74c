// Backends as the core sees them: the SQLite row plus the secret store, combined into what the
// renderer may know (`hasApiKey` and the header names, never the key or the header values) and
// what the wire needs (the key, the headers, the timeouts).
//
// Custom headers live in the secret store, not in SQLite: they are how gateways take tokens
// (`Authorization`, `X-Api-Key`, `CF-Access-Client-Secret`), so they get the API key's protection
// (safeStorage encryption on the desktop, never in a database backup or export, never sent back
// to the renderer). The form shows their names and takes a new value or keeps the stored one.
import { backendOptionFields, type BackendOptions } from '../../shared/backend-options';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { backendWords } from '../../shared/words/backend-words';
import { headerListProblem, headerProblemWords, type HeaderDraft } from '../../shared/custom-headers';
import type { Backend, BackendKind, GenerationParams, HttpMode } from '../../shared/domain';
import { asBackendId } from '../../shared/ids';
import {
  deleteBackend,
  findBackendByName,
  getBackend,
  insertBackend,
  listBackends,
  updateBackend,
  type StoredBackend,
} from '../db/settings/backends-repo';
import type { Db } from '../db/db';
import { replaceUserWindows, userWindowsOf } from '../db/settings/model-windows-repo';
import type { BackendTarget } from '../providers/types';
import { fillKeptValues } from '../secrets/kept-values';
import type { SecretStore } from '../secrets/secret-store';
import type { ConfigProblem } from './runnel-config';

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
  /** undefined keeps the stored headers; a list replaces them, a header without a value keeping its stored one. */
  headers?: HeaderDraft[];
  connectTimeoutMs?: number | null;
  idleTimeoutMs?: number | null;
  defaultParams?: GenerationParams;
  /** Context windows the user sets per model; undefined keeps the stored ones, an object replaces them. */
  contextWindows?: Record<string, number>;
}

/** Headers as stored and sent: names as the user wrote them, in their order. */
type HeaderList = [name: string, value: string][];

const headersKey = (backendId: string): string => `${backendId}:headers`;

function parseHeaderList(json: string | null): HeaderList {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string',
    );
  } catch {
    return [];
  }
}

/** The draft's list with every kept value filled in from `stored`; throws when a header is unusable. */
export function resolveHeaders(drafts: readonly HeaderDraft[], stored: HeaderList): HeaderList {
  const trimmed = drafts.map((h) => ({ name: h.name.trim(), value: h.value?.trim() }));
  const problem = headerListProblem(trimmed);
  if (problem) throw new ChatFailure(chatError('invalid_input', headerProblemWords(problem)));
  return fillKeptValues(trimmed, (name) => stored.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1], 'header');
}

const paramKeys = ['temperature', 'topP', 'maxTokens', 'seed'] as const;

/** Only the parameters that are set. */
export function setParams(params: GenerationParams | undefined): GenerationParams {
  const out: GenerationParams = {};
  for (const key of paramKeys) {
    const v = params?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}

/** Kinds that talk over a WebSocket also take ws:// and wss:// base URLs. */
const webSocketKinds: ReadonlySet<BackendKind> = new Set(['openai-realtime', 'websocket-json']);

/** How gRPC targets are usually written (`host:port`, as grpcurl and Triton's docs do), without a scheme. */
const grpcTarget = /^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/i;

export function normalizeBaseUrl(raw: string, kind?: BackendKind): string {
  // Plain http: gRPC without TLS, as Triton serves it by default (the transport speaks h2c).
  const text = kind === 'triton-grpc' && grpcTarget.test(raw.trim()) ? `http://${raw.trim()}` : raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ChatFailure(chatError('invalid_input', backendWords.say('notAUrl', { raw })));
  }
  const schemes = kind && webSocketKinds.has(kind) ? ['http:', 'https:', 'ws:', 'wss:'] : ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) {
    const said = backendWords.say('badScheme', { schemes: schemes.join(' '), scheme: url.protocol });
    throw new ChatFailure(chatError('invalid_input', said));
  }
  if (url.username || url.password) {
    throw new ChatFailure(chatError('invalid_input', backendWords.say('credentialsInUrl')));
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
    if (!backend) throw new ChatFailure(chatError('not_found', backendWords.say('gone')));
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
      connectTimeoutMs: draft.connectTimeoutMs ?? null,
      idleTimeoutMs: draft.idleTimeoutMs ?? null,
      defaultParams: setParams(draft.defaultParams),
      now: this.now(),
    };
    // Checked before anything is written, so a bad header or a locked keychain leaves the backend as it was.
    if (draft.apiKey || draft.headers?.some((h) => h.value)) await this.writableSecrets();
    const headers = draft.headers && resolveHeaders(draft.headers, id ? await this.storedHeaders(id) : []);
    const clash = findBackendByName(this.db, fields.name);
    if (clash && clash.id !== id) {
      throw new ChatFailure(chatError('invalid_input', backendWords.say('nameTaken', { name: fields.name })));
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
    if (headers) await this.secrets.set(headersKey(saved.id), headers.length ? JSON.stringify(headers) : null);
    if (draft.contextWindows) replaceUserWindows(this.db, saved.id, draft.contextWindows);
    return this.toPublic(saved);
  }

  async remove(id: string): Promise<void> {
    deleteBackend(this.db, asBackendId(id));
    await this.secrets.set(id, null);
    await this.secrets.set(headersKey(id), null);
  }

  /** What the wire needs, key included. A draft (from the settings form) overrides the saved backend. */
  async target(id: string | undefined, draft?: BackendDraft): Promise<BackendTarget> {
    const saved = id ? this.stored(id) : undefined;
    const source = draft ?? saved;
    if (!source) throw new ChatFailure(chatError('invalid_input', backendWords.say('nothingToTest')));
    if (saved && (await this.unreadableSecrets(saved.id, draft))) {
      throw new ChatFailure(chatError('auth', backendWords.say('cannotDecrypt', { name: saved.name })));
    }
    const apiKey = draft?.apiKey !== undefined ? draft.apiKey : saved ? await this.secrets.get(saved.id) : null;
    const stored = saved ? await this.storedHeaders(saved.id) : [];
    const headers = draft?.headers ? resolveHeaders(draft.headers, stored) : stored;
    return {
      kind: source.kind,
      baseUrl: normalizeBaseUrl(source.baseUrl, source.kind),
      apiKey: apiKey || null,
      http: source.http ?? 'auto',
      tlsCa: source.tlsCa?.trim() || null,
      options: knownOptions(source.kind, source.options),
      headers: Object.fromEntries(headers),
      connectTimeoutMs: source.connectTimeoutMs ?? null,
      idleTimeoutMs: source.idleTimeoutMs ?? null,
    };
  }

  /** Parameters a generation on this backend uses where the conversation sets none. */
  defaultParams(id: string): GenerationParams {
    return this.stored(id).defaultParams;
  }

  /**
   * Applies a provisioning list by name: creates what is missing, updates what differs. An entry
   * the store refuses (a bad URL, a header it cannot send) is left out and named; the rest apply.
   */
  async provision(drafts: BackendDraft[], file = 'runnel.config.json'): Promise<ConfigProblem[]> {
    const problems: ConfigProblem[] = [];
    for (const draft of drafts) {
      try {
        const existing = findBackendByName(this.db, draft.name.trim());
        await this.save(existing?.id, draft);
      } catch (err) {
        const said = err instanceof ChatFailure ? err.detail.said : undefined;
        problems.push({
          file,
          entry: `"${draft.name.trim()}"`,
          reason: (err as Error).message,
          ...(said ? { said } : {}),
        });
      }
    }
    return problems;
  }

  private async storedHeaders(id: string): Promise<HeaderList> {
    return parseHeaderList(await this.secrets.get(headersKey(id)));
  }

  private async writableSecrets(): Promise<void> {
    try {
      await this.secrets.assertWritable();
    } catch (err) {
      throw new ChatFailure(chatError('internal', (err as Error).message));
    }
  }

  /** True when a stored secret the request would use cannot be decrypted (a draft's own values replace them). */
  private async unreadableSecrets(id: string, draft?: BackendDraft): Promise<boolean> {
    const key = draft?.apiKey === undefined && (await this.secrets.state(id)) === 'unreadable';
    const headers = !draft?.headers && (await this.secrets.state(headersKey(id))) === 'unreadable';
    return key || headers;
  }

  private async toPublic(b: StoredBackend): Promise<Backend> {
    const headerNames = (await this.storedHeaders(b.id)).map(([name]) => name);
    const [key, headers] = await Promise.all([this.secrets.state(b.id), this.secrets.state(headersKey(b.id))]);
    return {
      ...b,
      hasApiKey: key === 'saved',
      secretsUnreadable: key === 'unreadable' || headers === 'unreadable',
      headerNames,
      contextWindows: userWindowsOf(this.db, b.id),
    };
  }
}
