// What the first screen shows, asked for before React renders it, so the answers travel while
// the first screen is built (api.ts `prefetch`); the store's own requests then take them.
import { prefetch } from '../api/api';
import { conversationPageSize } from './conversations-slice';

export function prefetchFirstScreen(): void {
  prefetch('conversations:list', { limit: conversationPageSize }, 'conversations:changed');
  prefetch('preferences:get', {}, 'preferences:changed');
  prefetch('backends:list', {}, 'backends:changed');
  prefetch('app:info', {}, 'app:notice');
}
