// The user's say over each tool call. A call runs without asking only when the user allowed that
// tool (always, or in this conversation), or its server is set to "allow all" and the tool does not
// say it may destroy something; otherwise it waits, shown as awaiting approval, until a window
// answers, the turn is stopped (denied), or the app closes (the call stays unrun).
import type { ConversationId } from '../../shared/ids';
import type { ToolDecision } from '../../shared/tools';
import type { Db } from '../db/db';
import { allowTool, toolAllowed, type StoredToolCall } from '../db/history/tool-calls-repo';

export type ServerApproval = 'ask' | 'allow-all';

interface Pending {
  call: StoredToolCall;
  conversationId: ConversationId;
  resolve: (answer: 'allow' | 'deny') => void;
}

export class ToolApprovals {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether this call must wait for the user (a call of no known server is never run, so asks nothing). */
  mustAsk(
    call: Pick<StoredToolCall, 'serverId' | 'toolName' | 'destructive'>,
    conversationId: ConversationId,
    server: ServerApproval,
  ): boolean {
    if (call.serverId === null) return false;
    if (toolAllowed(this.db, conversationId, call.serverId, call.toolName)) return false;
    return !(server === 'allow-all' && !call.destructive);
  }

  approve(
    call: StoredToolCall,
    conversationId: ConversationId,
    server: ServerApproval,
    signal: AbortSignal,
  ): Promise<'allow' | 'deny'> {
    if (call.serverId === null) return Promise.resolve('deny');
    if (!this.mustAsk(call, conversationId, server)) return Promise.resolve('allow');
    if (signal.aborted) return Promise.resolve('deny');
    return new Promise((resolve) => {
      const done = (answer: 'allow' | 'deny') => {
        this.pending.delete(call.id);
        signal.removeEventListener('abort', stop);
        resolve(answer);
      };
      const stop = () => done('deny');
      signal.addEventListener('abort', stop, { once: true });
      this.pending.set(call.id, { call, conversationId, resolve: done });
    });
  }

  /** A window's answer; false when the call no longer waits (answered elsewhere, stopped, or from before a restart). */
  decide(callId: string, decision: ToolDecision): boolean {
    const waiting = this.pending.get(callId);
    if (!waiting) return false;
    const { call, conversationId } = waiting;
    if (call.serverId !== null && (decision === 'allow-conversation' || decision === 'allow-always')) {
      allowTool(this.db, decision === 'allow-always' ? null : conversationId, call.serverId, call.toolName, this.now());
    }
    waiting.resolve(decision === 'deny' ? 'deny' : 'allow');
    return true;
  }

  /** Calls waiting now (for a test, or a window that asks what waits). */
  waiting(): string[] {
    return [...this.pending.keys()];
  }
}
