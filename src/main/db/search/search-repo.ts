// Search over the text of every message of every live conversation, newest first, a page at a
// time: the trigram index for terms of three characters or more, the index of characters and pairs
// when every term is shorter, and LIKE for short terms beside long ones (the trigram match narrows).
// A message's text is its content, then the results of its tool calls (`message_search_rows.tools`).
import type { MessageRole, SearchHit, SearchPage, SearchSnippet } from '../../../shared/domain';
import { asConversationId, asMessageId } from '../../../shared/ids';
import type { Db } from '../db';
import { shortIndexFloor } from './short-index-backfill';
import { buildSearchQuery, likeEscape, type SearchQuery } from './search-query';
import {
  cutAround,
  highlightTerms,
  markClose,
  markOpen,
  parseMarked,
  readableSnippet,
  snippetAround,
} from './search-snippet';

export const defaultSearchLimit = 30;
/**
 * Messages read per call when a query of short terms reaches messages the short-term index does
 * not hold yet (only while it is being built after an upgrade): a few hundred ms on a slow machine.
 */
export const defaultScanWindow = 50_000;

interface HitRow {
  key: number;
  id: string;
  conversation_id: string;
  role: MessageRole;
  created_at: number;
  title: string;
  /** The whole text: with FTS5's match marks (index path), or plain (LIKE path). */
  text: string;
}

const fromIndex = (likes: number): string => `
  SELECT f.rowid AS key, m.id, m.conversation_id, m.role, m.created_at, c.title,
         highlight(message_search, 0, '${markOpen}', '${markClose}') AS text
  FROM message_search f
  JOIN message_search_rows s ON s.rowid = f.rowid
  JOIN messages m ON m.id = s.message_id
  JOIN conversations c ON c.id = m.conversation_id
  WHERE message_search MATCH @match AND f.rowid < @before AND c.deleted_at IS NULL${likeClauses(likes)}
  ORDER BY f.rowid DESC
  LIMIT @limit`;

// The short-term index holds each message's characters and pairs; the text is read for the
// snippet only, for the rows returned.
const fromGrams = `
  SELECT g.rowid AS key, m.id, m.conversation_id, m.role, m.created_at, c.title, m.content || s.tools AS text
  FROM message_grams g
  JOIN message_search_rows s ON s.rowid = g.rowid
  JOIN messages m ON m.id = s.message_id
  JOIN conversations c ON c.id = m.conversation_id
  WHERE message_grams MATCH @grams AND g.rowid < @before AND g.rowid >= @floor AND c.deleted_at IS NULL
  ORDER BY g.rowid DESC
  LIMIT @limit`;

// Messages the short-term index does not hold yet are read themselves, newest first, but only a
// window of them per call, so no single request runs long; `next` then says where to go on.
const fromScan = (likes: number): string => `
  SELECT s.rowid AS key, m.id, m.conversation_id, m.role, m.created_at, c.title, m.content || s.tools AS text
  FROM (SELECT rowid, message_id, tools FROM message_search_rows
        WHERE rowid < @before ORDER BY rowid DESC LIMIT @window) s
  JOIN messages m ON m.id = s.message_id
  JOIN conversations c ON c.id = m.conversation_id
  WHERE m.status <> 'streaming' AND c.deleted_at IS NULL${likeClauses(likes)}
  ORDER BY s.rowid DESC
  LIMIT @limit`;

const scanFloor = `
  SELECT min(rowid) AS floor, count(*) AS n FROM (
    SELECT rowid FROM message_search_rows WHERE rowid < @before ORDER BY rowid DESC LIMIT @window)`;

// No term holds a line break, so a term is in the content or in the results, never across them.
const likeClauses = (n: number): string =>
  Array.from(
    { length: n },
    (_, i) => ` AND (m.content LIKE @like${i} ESCAPE '${likeEscape}' OR s.tools LIKE @like${i} ESCAPE '${likeEscape}')`,
  ).join('');

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

/** The raw window around the first match that the shown snippet is made from (characters). */
const rawBefore = 300;
const rawLength = 900;

function snippetOf(row: HitRow, query: SearchQuery): SearchSnippet {
  // A generous window of the raw text first, so the markdown around the part shown is whole and
  // a long message costs little more than a short one; readableSnippet then makes it plain and cuts.
  if (query.match === null) return readableSnippet(snippetAround(row.text, query.terms, rawBefore, rawLength));
  // FTS5 marked the long terms; the short ones (matched by LIKE) are marked here.
  const window = cutAround(parseMarked(row.text), rawBefore, rawLength);
  return readableSnippet(highlightTerms(window, query.terms));
}

const toHit =
  (query: SearchQuery) =>
  (row: HitRow): SearchHit => ({
    messageId: asMessageId(row.id),
    conversationId: asConversationId(row.conversation_id),
    conversationTitle: row.title,
    role: row.role,
    createdAt: row.created_at,
    snippet: snippetOf(row, query),
  });

/** A page of `rows` (up to limit + 1 of them): `next` is set when the extra row shows more remain. */
function page(rows: HitRow[], limit: number, query: SearchQuery): SearchPage {
  return { hits: rows.slice(0, limit).map(toHit(query)), next: rows.length > limit ? rows[limit - 1]!.key : null };
}

/**
 * Hits for `input`, newest first; `before` is the `next` of the previous page. A query of short
 * terms only may return fewer than `limit` hits with a `next` while the short-term index is still
 * being built: the part read so far is done, and older messages remain to be read.
 */
export function searchMessages(
  db: Db,
  input: string,
  opts: { before?: number | null; limit?: number; scanWindow?: number } = {},
): SearchPage {
  const query = buildSearchQuery(input);
  if (!query) return { hits: [], next: null };
  const limit = Math.min(200, Math.max(1, Math.floor(opts.limit ?? defaultSearchLimit)));
  const before = opts.before ?? Number.MAX_SAFE_INTEGER;
  const likes: Record<string, string> = {};
  query.likes.forEach((like, i) => (likes[`like${i}`] = like));

  if (query.match !== null) {
    const sql = fromIndex(query.likes.length);
    return page(
      statementFor(db, sql).all({ ...likes, match: query.match, before, limit: limit + 1 }) as HitRow[],
      limit,
      query,
    );
  }
  const floor = shortIndexFloor(db);
  const indexed =
    query.grams === null || (floor !== null && before <= floor)
      ? []
      : (statementFor(db, fromGrams).all({
          grams: query.grams,
          before,
          floor: floor ?? Number.MIN_SAFE_INTEGER,
          limit: limit + 1,
        }) as HitRow[]);
  if (indexed.length > limit || (floor === null && query.grams !== null)) return page(indexed, limit, query);
  // Older messages the index does not hold yet: read a window of them.
  const from = query.grams === null ? before : Math.min(before, floor!);
  const window = Math.max(1, Math.floor(opts.scanWindow ?? defaultScanWindow));
  const params = { ...likes, before: from, window, limit: limit + 1 - indexed.length };
  const rows = [...indexed, ...(statementFor(db, fromScan(query.likes.length)).all(params) as HitRow[])];
  if (rows.length > limit) return page(rows, limit, query);
  // Fewer hits than asked: older messages remain if the window was full.
  const read = statementFor(db, scanFloor).get({ before: from, window }) as { floor: number | null; n: number };
  return { ...page(rows, limit, query), next: read.n === window && read.floor !== null ? read.floor : null };
}
