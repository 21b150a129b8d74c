// The contract's app channels: what the host is and what it can do, links leaving the app (only
// after main's link policy and, on the desktop, the user's yes), the opt-in update check, and
// the one-time offer to move the web host's plaintext keys into the keychain.
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { RequestHandlers } from '../../shared/ipc/contract';
import type { Db } from '../db/db';
import { getAppFlag, setAppFlag } from '../db/settings/preferences-repo';
import { movePlaintextKeys, readPlaintextKeys } from '../secrets/plaintext-keys';
import type { CoreOptions } from './create-core';
import { externalLink } from './link-policy';
import type { NoticeBoard } from './notice-board';
import { appWords } from '../../shared/words/app-words';

type Channel =
  'app:info' | 'links:open' | 'updates:check' | 'updates:download' | 'updates:install' | 'keys:move-plaintext';

export interface AppDeps {
  db: Db;
  options: CoreOptions;
  notices: NoticeBoard;
  backendsChanged(): void;
}

const plaintextOffer = 'plaintext-keys-offer';

/** Offered once: the choice (moved or declined) is remembered, and a file that is gone needs no offer. */
export function offerPlaintextKeys(db: Db, file: string | undefined, notices: NoticeBoard): void {
  if (!file || getAppFlag(db, plaintextOffer) !== null) return;
  const count = readPlaintextKeys(file).size;
  if (count > 0) notices.add({ kind: 'plaintext-keys', count, detail: file }, false);
}

export function appHandlers({ db, options, notices, backendsChanged }: AppDeps): RequestHandlers<Channel> {
  const { updates, plaintextKeysFile } = options;
  return {
    'app:info': async () => ({
      version: options.version,
      dataDir: options.dataDir,
      host: options.host,
      notices: notices.list(),
      keyProtection: await options.secrets.protection(),
      canUpdate: updates !== undefined,
    }),
    'links:open': async ({ url }) => {
      const link = externalLink(url);
      if (!link)
        throw new ChatFailure(chatError('invalid_input', appWords.say('linkNotOpened', { url: url.slice(0, 100) })));
      if (!options.openExternal) return { opened: false };
      await options.openExternal(link);
      return { opened: true };
    },
    'updates:check': async () => (updates ? updates.check() : { state: 'unsupported' }),
    'updates:download': async () => (updates ? updates.download() : { state: 'unsupported' }),
    'updates:install': async () => {
      updates?.install();
      return null;
    },
    'keys:move-plaintext': async ({ move }) => {
      if (!plaintextKeysFile) throw new ChatFailure(chatError('invalid_input', appWords.say('noPlaintextKeys')));
      const result = move ? await movePlaintextKeys(plaintextKeysFile, options.secrets) : { moved: 0, kept: 0 };
      setAppFlag(db, plaintextOffer, move ? 'moved' : 'declined', Date.now());
      notices.drop('plaintext-keys');
      if (result.moved > 0) backendsChanged();
      return result;
    },
  };
}
