// Test support: a tool call record with every field filled, for the state tests that fold calls.
import { asMessageId } from '../../../shared/ids';
import type { ToolCallRecord } from '../../../shared/tools';

export const toolCall = (id: string, over: Partial<ToolCallRecord> = {}): ToolCallRecord => ({
  id,
  messageId: asMessageId('a'),
  round: 0,
  position: 0,
  index: 0,
  serverId: 'srv',
  serverName: 'Files',
  toolName: 'read_file',
  description: 'Reads a file',
  readOnly: true,
  destructive: false,
  arguments: '{"path":"a.txt"}',
  status: 'awaiting-approval',
  result: '',
  resultTruncated: false,
  startedAt: null,
  endedAt: null,
  ...over,
});
