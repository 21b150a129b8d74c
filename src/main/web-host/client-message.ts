// Checks the shape of a message from a web client before anything acts on it. The payload itself
// is validated later by the channel's schema in the core.
import type { WebClientMessage } from '../../shared/ipc/contract';

export function parseClientMessage(text: string): WebClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (o.type !== 'request' || typeof o.channel !== 'string' || o.channel.length > 100) return null;
  if (typeof o.id !== 'number' || !Number.isSafeInteger(o.id)) return null;
  return { type: 'request', id: o.id, channel: o.channel, input: o.input };
}
