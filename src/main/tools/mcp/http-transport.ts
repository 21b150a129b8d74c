// Connecting to an HTTP server: Streamable HTTP first, then HTTP+SSE when the URL answers the old
// way, as the SDK's streamableHttpWithSseFallbackClient example and the spec's back-compat section do.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { HttpTransportConfig } from './server-config';
import { McpConnectError } from './errors';
import { toolWords } from '../../../shared/words/tool-words';

export type HttpKind = 'streamable-http' | 'sse';

/** A 4xx other than an auth refusal, or a reply that is neither JSON nor SSE: an old-style server. */
export function answersTheOldWay(err: unknown): boolean {
  if (!(err instanceof StreamableHTTPError)) return false;
  const code = err.code ?? 0;
  return code === -1 || (code >= 400 && code < 500 && code !== 401 && code !== 403);
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Connects a fresh client from `newClient`; `watch` sees each transport before it connects. */
export async function connectHttp(
  newClient: () => Client,
  config: HttpTransportConfig,
  options: RequestOptions,
  watch: (transport: Transport) => void,
): Promise<{ client: Client; kind: HttpKind }> {
  const url = new URL(config.url);
  const requestInit = { headers: config.headers };
  /** A client that fails to connect is closed (a client connects only once). */
  const attempt = async (transport: Transport, kind: HttpKind) => {
    const client = newClient();
    watch(transport);
    try {
      await client.connect(transport, options);
      return { client, kind };
    } catch (err) {
      await client.close().catch(() => undefined);
      throw err;
    }
  };
  try {
    return await attempt(new StreamableHTTPClientTransport(url, { requestInit }), 'streamable-http');
  } catch (err) {
    if (!answersTheOldWay(err) || options.signal?.aborted) throw err;
    return attempt(new SSEClientTransport(url, { requestInit }), 'sse').catch((sseErr: unknown) => {
      throw new McpConnectError(
        toolWords.say('neitherAnswered', { streamable: describe(err), sse: describe(sseErr) }),
        [],
      );
    });
  }
}
