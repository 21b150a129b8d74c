// Deleting a conversation in two steps: hidden at once (soft delete) so the user can undo, then
// purged for good when the undo window ends, or at the next start if the app quit meanwhile. A
// generation still running in it is cancelled before its rows go.
import type { ConversationId, MessageId } from '../../shared/ids';
import {
  deleteConversation,
  deletedConversations,
  isConversationDeleted,
  restoreConversation,
  softDeleteConversation,
  streamingMessageIds,
} from '../db/history/conversations-repo';
import type { Db } from '../db/db';

export const defaultUndoWindowMs = 8_000;

export class UndoableDeletes {
  private readonly timers = new Map<ConversationId, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly db: Db,
    private readonly cancelGeneration: (messageId: MessageId) => void,
    readonly undoMs: number = defaultUndoWindowMs,
  ) {}

  /** Everything deleted before this start: no window is left to undo it in. */
  purgeAll(): number {
    const ids = deletedConversations(this.db, Number.POSITIVE_INFINITY);
    for (const id of ids) this.purge(id);
    return ids.length;
  }

  /** Hides the conversation and schedules its purge; false when there was no such live conversation. */
  delete(id: ConversationId, now: number): boolean {
    if (!softDeleteConversation(this.db, id, now)) return false;
    this.schedule(id);
    return true;
  }

  /** False when it is not deleted, or already purged. */
  restore(id: ConversationId): boolean {
    if (!restoreConversation(this.db, id)) return false;
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    return true;
  }

  /** Forgets pending purges; the next start purges those rows. */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(id: ConversationId): void {
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      // Restored and deleted again meanwhile would have replaced this timer; checked anyway.
      try {
        if (this.db.open && isConversationDeleted(this.db, id)) this.purge(id);
      } catch (err) {
        // Left soft-deleted: the next start purges it.
        console.error('[runnel] could not purge a deleted conversation:', err);
      }
    }, this.undoMs);
    // A pending purge must not keep a process alive that is otherwise done.
    timer.unref?.();
    this.timers.set(id, timer);
  }

  private purge(id: ConversationId): void {
    // The generation's last write then lands on no row, which is harmless.
    for (const messageId of streamingMessageIds(this.db, id)) this.cancelGeneration(messageId);
    deleteConversation(this.db, id);
  }
}
