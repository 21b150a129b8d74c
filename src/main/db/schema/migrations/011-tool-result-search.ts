// Schema step 11: search finds the text of tool results. An answer's searchable text becomes its
// content followed by the results of its tool calls (each after a blank line), in both indexes
// (trigram and short terms), so a hit opens on the answer that made the calls. The results part is
// kept beside the search row (`message_search_rows.tools`): the trigram index is told the exact
// text it indexed when it forgets a row, which the calls' rows may no longer give (a cascade
// deletes them before the answer's own trigger runs).
import { gramsFunction } from '../../search/short-grams';
import { claimRow, textToIndexChanged } from './005-history-search';
import type { Migration } from './migration';

/** The results of `id`'s calls that came from a tool (done, or failed with its error), in call order. */
const toolsText = (id: string): string => `coalesce((
    SELECT group_concat(char(10) || char(10) || result, '' ORDER BY round, call_index)
    FROM tool_calls WHERE message_id = ${id} AND status IN ('done', 'error') AND result <> ''), '')`;

/** `id`'s search row, joined to its message, when the message is indexed (not streaming). */
const indexedRow = (id: string): string => `
        FROM message_search_rows s JOIN messages m ON m.id = s.message_id
        WHERE s.message_id = ${id} AND m.status <> 'streaming'`;

/**
 * Puts `id`'s text (content, then its results as they are now) in both indexes, when it is not
 * streaming; its old text must be out of the trigram index already (its grams are replaced here).
 */
const indexNow = (id: string): string => `
      UPDATE message_search_rows SET tools = ${toolsText(id)}
        WHERE message_id = ${id} AND EXISTS (SELECT 1 ${indexedRow(id)});
      INSERT INTO message_search (rowid, body) SELECT s.rowid, m.content || s.tools ${indexedRow(id)};
      DELETE FROM message_grams WHERE rowid = (SELECT rowid FROM message_search_rows WHERE message_id = ${id});
      INSERT INTO message_grams (rowid, grams) SELECT s.rowid, ${gramsFunction}(m.content || s.tools) ${indexedRow(id)};`;

/** A call of an indexed answer changed: the answer's text goes out of the index as it was, and back in as it is. */
const reindexAnswer = (id: string): string => `
      INSERT INTO message_search (message_search, rowid, body)
        SELECT 'delete', s.rowid, m.content || s.tools ${indexedRow(id)};
      ${indexNow(id)}`;

export const toolResultSearch: Migration = {
  version: 11,
  name: 'tool-result-search',
  up: `
    -- What of the answer's tool results the indexes hold for this row, '' for none.
    ALTER TABLE message_search_rows ADD COLUMN tools TEXT NOT NULL DEFAULT '';

    DROP VIEW message_search_source;
    CREATE VIEW message_search_source AS
      SELECT s.rowid AS rowid, m.content || s.tools AS body
      FROM message_search_rows s JOIN messages m ON m.id = s.message_id
      WHERE m.status <> 'streaming';

    -- A message is stored before its calls (their rows point at it; an import and a restore write
    -- them after it too), so the insert triggers of steps 5 and 9, which index the content alone,
    -- stay. The update and delete triggers index the content with the results: one trigger per
    -- event now does both indexes, in order.
    DROP TRIGGER message_search_update;
    DROP TRIGGER message_grams_update;
    CREATE TRIGGER message_index_update AFTER UPDATE OF content, status ON messages
    WHEN ${textToIndexChanged}
    BEGIN
      INSERT INTO message_search (message_search, rowid, body)
        SELECT 'delete', rowid, old.content || tools FROM message_search_rows
        WHERE message_id = old.id AND old.status <> 'streaming';
      ${claimRow("new.status <> 'streaming'")}
      ${indexNow('new.id')}
    END;

    DROP TRIGGER message_search_delete;
    CREATE TRIGGER message_index_delete AFTER DELETE ON messages
    BEGIN
      INSERT INTO message_search (message_search, rowid, body)
        SELECT 'delete', rowid, old.content || tools FROM message_search_rows
        WHERE message_id = old.id AND old.status <> 'streaming';
      DELETE FROM message_search_rows WHERE message_id = old.id;
    END;

    -- While an answer streams its calls change often and nothing is indexed: these do nothing then.
    -- Results are written once a call ends; an import or a restore writes calls after their answer.
    CREATE TRIGGER tool_calls_index_insert AFTER INSERT ON tool_calls WHEN new.result <> ''
    BEGIN
      ${reindexAnswer('new.message_id')}
    END;

    CREATE TRIGGER tool_calls_index_update AFTER UPDATE OF result, status, round, call_index ON tool_calls
    BEGIN
      ${reindexAnswer('new.message_id')}
    END;

    CREATE TRIGGER tool_calls_index_delete AFTER DELETE ON tool_calls WHEN old.result <> ''
    BEGIN
      ${reindexAnswer('old.message_id')}
    END;

    -- Answers indexed under step 10 with results: their content alone goes out, content and results in.
    INSERT INTO message_search (message_search, rowid, body)
      SELECT 'delete', s.rowid, m.content
      FROM message_search_rows s JOIN messages m ON m.id = s.message_id
      WHERE m.status <> 'streaming' AND m.id IN (SELECT message_id FROM tool_calls WHERE result <> '');
    UPDATE message_search_rows SET tools = ${toolsText('message_search_rows.message_id')}
      WHERE message_id IN (SELECT id FROM messages WHERE status <> 'streaming')
        AND message_id IN (SELECT message_id FROM tool_calls WHERE result <> '');
    INSERT INTO message_search (rowid, body)
      SELECT s.rowid, m.content || s.tools
      FROM message_search_rows s JOIN messages m ON m.id = s.message_id
      WHERE m.status <> 'streaming' AND m.id IN (SELECT message_id FROM tool_calls WHERE result <> '');
    DELETE FROM message_grams
      WHERE rowid IN (SELECT rowid FROM message_search_rows WHERE tools <> '');
    INSERT INTO message_grams (rowid, grams)
      SELECT s.rowid, ${gramsFunction}(m.content || s.tools)
      FROM message_search_rows s JOIN messages m ON m.id = s.message_id
      WHERE s.tools <> '' AND m.status <> 'streaming';
  `,
};
