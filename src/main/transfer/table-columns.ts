// Which columns a table has right now: the schema grows step by step, so transfer code reads and
// writes a column added by a later step only where the database has it.
import type { Db } from '../db/open-database';

export function tableColumns(db: Db, table: string, schema = 'main'): Set<string> {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}
