// The database handle every repository takes: a better-sqlite3 connection, opened and migrated by
// open-database.ts. Kept apart so a module that only needs the type imports nothing that opens one.
import type Database from 'better-sqlite3';

export type Db = Database.Database;
