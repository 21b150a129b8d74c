// Prepares a repository's statements once per database handle rather than on every call; the
// WeakMap lets a closed handle and its statements be collected together.
import type { Db } from './db';

export function perDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = build(db);
      cache.set(db, value);
    }
    return value;
  };
}
