// The shape of one schema step. Steps are never edited once released: a change is a new step.
export interface Migration {
  /** The `PRAGMA user_version` the database has once this step is applied. */
  version: number;
  name: string;
  up: string;
}
