// How an approval button answers a call that waits: `tools:decide` to main by default; a test or
// another host can provide its own through the context.
import { createContext } from 'react';
import type { ToolDecision } from '../../../../shared/tools';
import { request } from '../../api/api';

export type DecideToolCall = (callId: string, decision: ToolDecision) => Promise<{ applied: boolean }>;

export const decideToolCall: DecideToolCall = (callId, decision) => request('tools:decide', { callId, decision });

export const ToolDecisionContext = createContext<DecideToolCall>(decideToolCall);
