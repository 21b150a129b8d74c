// Every schema step in order; migrate() checks the versions run 1, 2, 3… without gaps.
import { initial } from './001-initial';
import { backendTlsCa } from './002-backend-tls-ca';
import { backendOptions } from './003-backend-options';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [initial, backendTlsCa, backendOptions];
