// Schema step 5: pinned conversations, soft delete with undo (`deleted_at`), and full-text search
// over message text (FTS5 trigram, so CJK substrings match), kept right by triggers.
import type { Migration } from './migration';

/**
 * Search hits come newest first by walking the index backwards by rowid, which FTS5 does without
 * sorting every match. So each message gets a rowid that follows its creation time: its
 * millisecond times 1024 plus a slot within that millisecond. NULL (an automatic rowid after all
 * others) when the time is out of range or the 1024 slots of that millisecond are taken.
 */
const orderKey = (created: string): string => `
  (SELECT CASE
     WHEN CAST(${created} AS INTEGER) NOT BETWEEN 0 AND 4000000000000 THEN NULL
     WHEN max(rowid) IS NULL THEN CAST(${created} AS INTEGER) * 1024
     WHEN max(rowid) < CAST(${created} AS INTEGER) * 1024 + 1023 THEN max(rowid) + 1
   END
   FROM message_search_rows
   WHERE rowid BETWEEN CAST(${created} AS INTEGER) * 1024 AND CAST(${created} AS INTEGER) * 1024 + 1023)`;

/**
 * An update that changes what a search index holds for a message: its text while it is not
 * streaming, or its passage into or out of streaming.
 */
export const textToIndexChanged = `(old.status <> 'streaming' OR new.status <> 'streaming')
      AND (old.content IS NOT new.content OR (old.status = 'streaming') <> (new.status = 'streaming'))`;

/** Gives `new` its search row, kept if it has one; the second insert is the fallback if the slot was taken. */
export const claimRow = (when: string): string => `
      INSERT OR IGNORE INTO message_search_rows (rowid, message_id)
        SELECT ${orderKey('new.created_at')}, new.id WHERE ${when};
      INSERT OR IGNORE INTO message_search_rows (message_id) SELECT new.id WHERE ${when};`;

/**
 * Gives every stored message not in the index yet its search row, oldest first (slots within each
 * millisecond, then any overflow after all rows), and rebuilds the index from them. Run by this
 * step, and by bulk loads (test seeding) that insert without the per-row trigger, which is slower.
 */
export const indexStoredMessages = `
    INSERT OR IGNORE INTO message_search_rows (rowid, message_id)
      SELECT CAST(created_at AS INTEGER) * 1024 + n - 1, id FROM (
        SELECT id, created_at, rowid AS r,
               row_number() OVER (PARTITION BY CAST(created_at AS INTEGER) ORDER BY rowid) AS n
        FROM messages
        WHERE status <> 'streaming' AND id NOT IN (SELECT message_id FROM message_search_rows)
      )
      WHERE CAST(created_at AS INTEGER) BETWEEN 0 AND 4000000000000 AND n <= 1024
      ORDER BY created_at, r;
    INSERT INTO message_search_rows (message_id)
      SELECT id FROM messages
      WHERE status <> 'streaming' AND id NOT IN (SELECT message_id FROM message_search_rows)
      ORDER BY created_at, rowid;
    INSERT INTO message_search (message_search) VALUES ('rebuild');`;

export const historySearch: Migration = {
  version: 5,
  name: 'history-search',
  up: `
    ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
    -- Set by delete, cleared by undo; rows stay hidden until purged after the undo window or at startup.
    ALTER TABLE conversations ADD COLUMN deleted_at INTEGER;

    -- The sidebar pages through live conversations by (pinned, updated_at, id), newest first.
    DROP INDEX conversations_updated_at;
    CREATE INDEX conversations_listing ON conversations (pinned, updated_at, id) WHERE deleted_at IS NULL;
    CREATE INDEX conversations_deleted ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;

    -- A stable integer per searchable message: messages has a TEXT key, and its implicit rowid may
    -- change on VACUUM, so the index cannot point at it.
    CREATE TABLE message_search_rows (
      rowid INTEGER PRIMARY KEY,
      message_id TEXT NOT NULL UNIQUE
    );

    -- The index keeps no copy of the text: it reads it back through this view for snippets.
    -- A message is indexed exactly while it is not streaming, with its current text.
    CREATE VIEW message_search_source AS
      SELECT s.rowid AS rowid, m.content AS body
      FROM message_search_rows s JOIN messages m ON m.id = s.message_id
      WHERE m.status <> 'streaming';

    CREATE VIRTUAL TABLE message_search USING fts5(
      body,
      content = 'message_search_source',
      content_rowid = 'rowid',
      tokenize = 'trigram remove_diacritics 1'
    );

    CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.status <> 'streaming'
    BEGIN
      ${claimRow('1')}
      INSERT INTO message_search (rowid, body)
        SELECT rowid, new.content FROM message_search_rows WHERE message_id = new.id;
    END;

    -- Text is appended every few hundred ms while an answer streams: nothing is indexed until the
    -- status leaves 'streaming' (done, error, cancelled, interrupted), then the whole text once.
    CREATE TRIGGER message_search_update AFTER UPDATE OF content, status ON messages
    WHEN ${textToIndexChanged}
    BEGIN
      -- An external-content index forgets a row only when told the exact text it indexed.
      INSERT INTO message_search (message_search, rowid, body)
        SELECT 'delete', rowid, old.content FROM message_search_rows
        WHERE message_id = old.id AND old.status <> 'streaming';
      ${claimRow("new.status <> 'streaming'")}
      INSERT INTO message_search (rowid, body)
        SELECT rowid, new.content FROM message_search_rows
        WHERE message_id = new.id AND new.status <> 'streaming';
    END;

    CREATE TRIGGER message_search_delete AFTER DELETE ON messages
    BEGIN
      INSERT INTO message_search (message_search, rowid, body)
        SELECT 'delete', rowid, old.content FROM message_search_rows
        WHERE message_id = old.id AND old.status <> 'streaming';
      DELETE FROM message_search_rows WHERE message_id = old.id;
    END;

    ${indexStoredMessages}
  `,
};
