// Schema step 9: an index for search terms of one or two characters ("is", "上海", "鱼"), which the
// trigram index cannot find. It holds each message's distinct characters and character pairs
// (short-grams.ts), keyed by the same search rowid, and is kept right by triggers. Messages stored
// before this step are indexed afterwards, newest first, a batch at a time (short-index-backfill.ts);
// until then, search reads the rest the old way.
import { gramsFunction } from '../../search/short-grams';
import { claimRow, textToIndexChanged } from './005-history-search';
import type { Migration } from './migration';

/** Replaces whatever the index holds for `id`'s search row by its grams, when `when` holds. */
const reindex = (id: string, content: string, when: string): string => `
      DELETE FROM message_grams WHERE rowid = (SELECT rowid FROM message_search_rows WHERE message_id = ${id});
      ${claimRow(when)}
      INSERT INTO message_grams (rowid, grams)
        SELECT rowid, ${gramsFunction}(${content}) FROM message_search_rows WHERE message_id = ${id} AND ${when};`;

export const shortTermSearch: Migration = {
  version: 9,
  name: 'short-term-search',
  up: `
    -- Contentless (the text stays in messages), rows only (no positions: a one- or two-character
    -- term is a single token), and deletable by rowid.
    CREATE VIRTUAL TABLE message_grams USING fts5(
      grams,
      content = '',
      contentless_delete = 1,
      detail = none,
      tokenize = 'ascii'
    );

    -- Every search row at or above floor is in message_grams (when its message is not streaming);
    -- the backfill lowers it. Rows made from now on are indexed by the triggers below.
    CREATE TABLE message_grams_progress (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      floor INTEGER NOT NULL
    );
    INSERT INTO message_grams_progress (id, floor)
      SELECT 1, coalesce(max(rowid), 0) + 1 FROM message_search_rows;

    CREATE TRIGGER message_grams_insert AFTER INSERT ON messages WHEN new.status <> 'streaming'
    BEGIN
      ${reindex('new.id', 'new.content', '1')}
    END;

    -- The same moments as the trigram index: when an answer stops streaming, and on edits.
    CREATE TRIGGER message_grams_update AFTER UPDATE OF content, status ON messages
    WHEN ${textToIndexChanged}
    BEGIN
      ${reindex('new.id', 'new.content', "new.status <> 'streaming'")}
    END;

    -- A message's search row goes when the message does; its grams go with it, whichever trigger runs first.
    CREATE TRIGGER message_grams_forget AFTER DELETE ON message_search_rows
    BEGIN
      DELETE FROM message_grams WHERE rowid = old.rowid;
    END;
  `,
};
