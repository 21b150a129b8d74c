// Which columns a table has, in the live database or an attached one: restore copies a backup's
// rows only into tables whose columns it has, all of them.
import type { Db } from '../db/db';

export function tableColumns(db: Db, table: string, schema = 'main'): Set<string> {
  const rows = db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}
