// PLACEHOLDER on branch tools-media only, so step 14 runs here (migrate() wants steps without
// gaps). Step 12 belongs to another helper: the lead drops this file when merging.
import type { Migration } from './migration';

export const reservedStep12: Migration = { version: 12, name: 'reserved-12', up: '' };
