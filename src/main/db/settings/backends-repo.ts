// Configured model servers as stored: everything but the API key and the custom headers, which
// live in the secret store and are joined in (as `hasApiKey`, `headerNames`) by the core.
import { randomUUID } from 'node:crypto';
import { ChatFailure, chatError } from '../../../shared/chat-error';
import type { BackendOptions } from '../../../shared/backend-options';
import {
  httpModes,
  type Backend,
  type BackendKind,
  type GenerationParams,
  type HttpMode,
} from '../../../shared/domain';
import { asBackendId, type BackendId } from '../../../shared/ids';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';
import { readOptions, readParams, writeParams } from '../stored-json';
import { appWords } from '../../../shared/words/app-words';

export type StoredBackend = Omit<Backend, 'hasApiKey' | 'secretsUnreadable' | 'headerNames'>;

export interface BackendFields {
  name: string;
  kind: BackendKind;
  baseUrl: string;
  defaultModel: string | null;
  http: HttpMode;
  tlsCa?: string | null;
  options?: BackendOptions;
  connectTimeoutMs?: number | null;
  idleTimeoutMs?: number | null;
  defaultParams?: GenerationParams;
  now: number;
}

interface BackendRow {
  id: string;
  name: string;
  kind: string;
  base_url: string;
  default_model: string | null;
  http: string;
  tls_ca: string | null;
  options_json: string;
  connect_timeout_ms: number | null;
  idle_timeout_ms: number | null;
  default_params_json: string;
  created_at: number;
  updated_at: number;
}

/** A row as written: the same columns, with one time for both stamps. */
type WriteParams = Omit<BackendRow, 'created_at' | 'updated_at'> & { now: number };

const columns =
  'id, name, kind, base_url, default_model, http, tls_ca, options_json, connect_timeout_ms, idle_timeout_ms, default_params_json, created_at, updated_at';

const statements = perDatabase((db) => ({
  list: db.prepare<[], BackendRow>(`SELECT ${columns} FROM backends ORDER BY name COLLATE NOCASE, name`),
  get: db.prepare<[string], BackendRow>(`SELECT ${columns} FROM backends WHERE id = ?`),
  byName: db.prepare<[string], BackendRow>(`SELECT ${columns} FROM backends WHERE name = ?`),
  insert: db.prepare<WriteParams>(
    // created_at only grows, even for backends saved within the same millisecond (a config file's
    // list), so creation order is the order they were added in: the first start picks the first.
    `INSERT INTO backends (${columns}) VALUES (@id, @name, @kind, @base_url, @default_model, @http, @tls_ca, @options_json,
       @connect_timeout_ms, @idle_timeout_ms, @default_params_json,
       MAX(@now, COALESCE((SELECT MAX(created_at) + 1 FROM backends), @now)), @now)`,
  ),
  update: db.prepare<WriteParams>(
    `UPDATE backends SET name = @name, kind = @kind, base_url = @base_url, default_model = @default_model,
       http = @http, tls_ca = @tls_ca, options_json = @options_json, connect_timeout_ms = @connect_timeout_ms,
       idle_timeout_ms = @idle_timeout_ms, default_params_json = @default_params_json, updated_at = @now
     WHERE id = @id`,
  ),
  delete: db.prepare<[string]>('DELETE FROM backends WHERE id = ?'),
}));

/** A positive whole number of ms, or null (the app's default). */
const timeoutOf = (ms: number | null): number | null => (ms !== null && Number.isInteger(ms) && ms > 0 ? ms : null);

function toBackend(row: BackendRow): StoredBackend {
  return {
    id: asBackendId(row.id),
    name: row.name,
    // Only insertBackend/updateBackend write kind, typed as BackendKind, and a file from a newer
    // Runnel (which might know more kinds) is refused at open.
    kind: row.kind as BackendKind,
    baseUrl: row.base_url,
    defaultModel: row.default_model,
    http: (httpModes as readonly string[]).includes(row.http) ? (row.http as HttpMode) : 'auto',
    tlsCa: row.tls_ca,
    options: readOptions(row.options_json),
    connectTimeoutMs: timeoutOf(row.connect_timeout_ms),
    idleTimeoutMs: timeoutOf(row.idle_timeout_ms),
    defaultParams: readParams(row.default_params_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toParams(id: string, f: BackendFields): WriteParams {
  return {
    id,
    name: f.name,
    kind: f.kind,
    base_url: f.baseUrl,
    default_model: f.defaultModel,
    http: f.http,
    tls_ca: f.tlsCa ?? null,
    options_json: JSON.stringify(f.options ?? {}),
    connect_timeout_ms: f.connectTimeoutMs ?? null,
    idle_timeout_ms: f.idleTimeoutMs ?? null,
    default_params_json: writeParams(f.defaultParams ?? {}),
    now: f.now,
  };
}

/** The unique index is the last word on names (a caller's check can race); say it in the user's terms. */
function write(run: () => void, name: string): void {
  try {
    run();
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new ChatFailure(chatError('invalid_input', appWords.say('backendExists', { name })));
    }
    throw err;
  }
}

/** Sorted by name, case-insensitively. */
export function listBackends(db: Db): StoredBackend[] {
  return statements(db).list.all().map(toBackend);
}

export function getBackend(db: Db, id: BackendId): StoredBackend | null {
  const row = statements(db).get.get(id);
  return row ? toBackend(row) : null;
}

/** Exact, case-sensitive match, as the unique index compares. */
export function findBackendByName(db: Db, name: string): StoredBackend | null {
  const row = statements(db).byName.get(name);
  return row ? toBackend(row) : null;
}

/** Throws ChatFailure (invalid_input) when the name is taken. */
export function insertBackend(db: Db, fields: BackendFields): StoredBackend {
  const id = randomUUID();
  write(() => statements(db).insert.run(toParams(id, fields)), fields.name);
  const row = statements(db).get.get(id);
  if (!row) throw new ChatFailure(chatError('internal', appWords.say('backendNotStored')));
  return toBackend(row);
}

/** False when there is no such backend; throws ChatFailure (invalid_input) when the name is taken. */
export function updateBackend(db: Db, id: BackendId, fields: BackendFields): boolean {
  let changed = false;
  write(() => {
    changed = statements(db).update.run(toParams(id, fields)).changes > 0;
  }, fields.name);
  return changed;
}

export function deleteBackend(db: Db, id: BackendId): boolean {
  return statements(db).delete.run(id).changes > 0;
}
