// Search over the text of every message of every live conversation: the trigram index for terms
// of three characters or more, LIKE for shorter ones, newest first, a page at a time.
import type { MessageRole, SearchHit, SearchPage, SearchSnippet } from '../../shared/domain';
import { asConversationId, asMessageId } from '../../shared/ids';
import type { Db } from './open-database';
import { buildSearchQuery, likeEscape, type SearchQuery } from './search-query';
import { highlightTerms, markClose, markOpen, parseMarked, snippetAround } from './search-snippet';

export const defaultSearchLimit = 30;
/** Messages read per call when a query has only short terms (a few hundred ms on a slow machine). */
export const defaultScanWindow = 50_000;

interface HitRow {
  key: number;
  id: string;
  conversation_id: string;
  role: MessageRole;
  created_at: number;
  title: string;
  /** FTS5 snippet (index path) or the whole text (LIKE path). */
  text: string;
}

/** FTS5 counts snippet length in tokens; a trigram token is about one character. */
const snippetTokens = 48;

const fromIndex = (likes: number): string => `
  SELECT f.rowid AS key, m.id, m.conversation_id, m.role, m.created_at, c.title,
         snippet(message_search, 0, '${markOpen}', '${markClose}', '…', ${snippetTokens}) AS text
  FROM message_search f
  JOIN message_search_rows s ON s.rowid = f.rowid
  JOIN messages m ON m.id = s.message_id
  JOIN conversations c ON c.id = m.conversation_id
  WHERE message_search MATCH @match AND f.rowid < @before AND c.deleted_at IS NULL${likeClauses(likes)}
  ORDER BY f.rowid DESC
  LIMIT @limit`;

// Short terms have no index to use: this reads the messages themselves, newest first, but only
// a window of them per call, so no single request runs long; `next` then says where to go on.
const fromScan = (likes: number): string => `
  SELECT s.rowid AS key, m.id, m.conversation_id, m.role, m.created_at, c.title, m.content AS text
  FROM (SELECT rowid, message_id FROM message_search_rows
        WHERE rowid < @before ORDER BY rowid DESC LIMIT @window) s
  JOIN messages m ON m.id = s.message_id
  JOIN conversations c ON c.id = m.conversation_id
  WHERE m.status <> 'streaming' AND c.deleted_at IS NULL${likeClauses(likes)}
  ORDER BY s.rowid DESC
  LIMIT @limit`;

const scanFloor = `
  SELECT min(rowid) AS floor, count(*) AS n FROM (
    SELECT rowid FROM message_search_rows WHERE rowid < @before ORDER BY rowid DESC LIMIT @window)`;

const likeClauses = (n: number): string =>
  Array.from({ length: n }, (_, i) => ` AND m.content LIKE @like${i} ESCAPE '${likeEscape}'`).join('');

type Statement = ReturnType<Db['prepare']>;
const prepared = new WeakMap<Db, Map<string, Statement>>();

/** Statements differ by path and number of LIKE terms; each shape is prepared once per handle. */
function statementFor(db: Db, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

function snippetOf(row: HitRow, query: SearchQuery): SearchSnippet {
  if (query.match === null) return snippetAround(row.text, query.terms);
  // FTS5 marked the long terms; the short ones (matched by LIKE) are marked here.
  return highlightTerms(parseMarked(row.text), query.terms);
}

/**
 * Hits for `input`, newest first; `before` is the `next` of the previous page. A query of short
 * terms only may return fewer than `limit` hits with a `next`: the part read so far is done, and
 * older messages remain to be read.
 */
export function searchMessages(
  db: Db,
  input: string,
  opts: { before?: number | null; limit?: number; scanWindow?: number } = {},
): SearchPage {
  const query = buildSearchQuery(input);
  if (!query) return { hits: [], next: null };
  const limit = Math.min(200, Math.max(1, Math.floor(opts.limit ?? defaultSearchLimit)));
  const scanning = query.match === null;
  const params: Record<string, string | number> = {
    before: opts.before ?? Number.MAX_SAFE_INTEGER,
    limit: limit + 1,
  };
  if (scanning) params.window = Math.max(1, Math.floor(opts.scanWindow ?? defaultScanWindow));
  else params.match = query.match!;
  query.likes.forEach((like, i) => (params[`like${i}`] = like));
  const sql = scanning ? fromScan(query.likes.length) : fromIndex(query.likes.length);
  const rows = statementFor(db, sql).all(params) as HitRow[];
  const hits: SearchHit[] = rows.slice(0, limit).map((row) => ({
    messageId: asMessageId(row.id),
    conversationId: asConversationId(row.conversation_id),
    conversationTitle: row.title,
    role: row.role,
    createdAt: row.created_at,
    snippet: snippetOf(row, query),
  }));
  if (rows.length > limit) return { hits, next: rows[limit - 1]?.key ?? null };
  if (!scanning) return { hits, next: null };
  // Fewer hits than asked: older messages remain if the window was full.
  const window = statementFor(db, scanFloor).get({ before: params.before, window: params.window }) as {
    floor: number | null;
    n: number;
  };
  return { hits, next: window.n === params.window && window.floor !== null ? window.floor : null };
}
