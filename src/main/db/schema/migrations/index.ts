// Every schema step in order; migrate() checks the versions run 1, 2, 3… without gaps.
import { initial } from './001-initial';
import { backendTlsCa } from './002-backend-tls-ca';
import { backendOptions } from './003-backend-options';
import { preferences } from './004-preferences';
import { historySearch } from './005-history-search';
import { conversationSettings } from './006-conversation-settings';
import { attachments } from './007-attachments';
import { reasoningTime } from './008-reasoning-time';
import { shortTermSearch } from './009-short-term-search';
import { toolCalls } from './010-tool-calls';
import { toolResultSearch } from './011-tool-result-search';
import { conversationTools } from './012-conversation-tools';
import { contextWindows } from './013-context-windows';
import { toolMedia } from './014-tool-media';
import { streamFigures } from './015-stream-figures';
import { answersWithoutTools } from './016-answers-without-tools';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  initial,
  backendTlsCa,
  backendOptions,
  preferences,
  historySearch,
  conversationSettings,
  attachments,
  reasoningTime,
  shortTermSearch,
  toolCalls,
  toolResultSearch,
  conversationTools,
  contextWindows,
  toolMedia,
  streamFigures,
  answersWithoutTools,
];
