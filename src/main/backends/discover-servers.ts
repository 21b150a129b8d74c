// Finds model servers on this machine by probing the ports their defaults use, each with a short
// timeout, all at once: Ollama 11434, LM Studio 1234, llama.cpp 8080, vLLM 8000, SGLang 30000,
// KoboldCpp 5001, and 8001.
import type { DiscoveredServer } from '../../shared/domain';
import { identifyServer } from './identify-server';

export const usualPorts = [11434, 1234, 8080, 8000, 30000, 5001, 8001] as const;

export async function discoverServers(
  opts: { host?: string; ports?: readonly number[]; timeoutMs?: number } = {},
): Promise<DiscoveredServer[]> {
  const { host = '127.0.0.1', ports = usualPorts, timeoutMs = 800 } = opts;
  const found = await Promise.all(
    ports.map(async (port) => {
      const identity = await identifyServer(`http://${host}:${port}`, timeoutMs);
      return identity ? { ...identity, name: `${identity.server.split(' ')[0]} on ${host}:${port}` } : null;
    }),
  );
  return found.filter((s): s is DiscoveredServer => s !== null);
}
