// PLACEHOLDER on branch tools-media only, so step 14 runs here (migrate() wants steps without
// gaps). Step 13 belongs to another helper: the lead drops this file when merging.
import type { Migration } from './migration';

export const reservedStep13: Migration = { version: 13, name: 'reserved-13', up: '' };
