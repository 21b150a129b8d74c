// Writes conversations as a Runnel JSON file, one conversation at a time straight to disk: a large
// history is never one string in memory, and the event loop gets a turn between conversations.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ConversationId } from '../../shared/ids';
import type { Db } from '../db/db';
import { conversationRecord } from './conversation-rows';
import { runnelFormat, runnelFormatVersion, type RunnelFileHeader } from './runnel-format';

export function runnelHeader(appVersion: string, now = new Date()): RunnelFileHeader {
  return {
    format: runnelFormat,
    version: runnelFormatVersion,
    exportedAt: now.toISOString(),
    app: { name: 'Runnel', version: appVersion },
  };
}

/** Longest stretch of work between two turns of the event loop. */
const sliceMs = 30;

/** Writes the file and returns how many conversations went in (ids that vanished meanwhile are skipped). */
export async function writeRunnelFile(
  db: Db,
  file: string,
  ids: readonly ConversationId[],
  header: RunnelFileHeader,
  signal?: AbortSignal,
): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => {});
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    // The header fields come first so a reader learns the format before the first conversation.
    const head = JSON.stringify(header);
    await write(`${head.slice(0, -1)},"conversations":[`);
    let written = 0;
    let sliceStart = Date.now();
    for (const id of ids) {
      signal?.throwIfAborted();
      const record = conversationRecord(db, id);
      if (!record) continue;
      await write(`${written === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
      written++;
      if (Date.now() - sliceStart > sliceMs) {
        await yieldToEventLoop();
        sliceStart = Date.now();
      }
    }
    await write(written === 0 ? ']}\n' : '\n]}\n');
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    return written;
  } catch (err) {
    out.destroy();
    throw err;
  }
}
