// The contract's events, from every part of the core to whoever listens (the Electron host's
// windows, the web host's sockets, tests), with a named sender for each change the core announces.
import type { EventChannel, EventPayloads } from '../../shared/ipc/contract';

export type CoreListener = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => void;

export class CoreEvents {
  private readonly listeners = new Set<CoreListener>();

  readonly emit: CoreListener = (channel, payload) => {
    for (const listener of this.listeners) listener(channel, payload);
  };

  subscribe(listener: CoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }

  readonly conversationsChanged = (payload: EventPayloads['conversations:changed']) =>
    this.emit('conversations:changed', payload);
  readonly backendsChanged = () => this.emit('backends:changed', null);
  readonly presetsChanged = () => this.emit('presets:changed', null);
  readonly preferencesChanged = (saved: EventPayloads['preferences:changed']) =>
    this.emit('preferences:changed', saved);
}
