// The MCP client module's public face: what the tool loop, settings and the config file use.
export { backoffDelay, defaultBackoff, failuresAfter, type BackoffSchedule } from './backoff';
export {
  McpConnectError,
  McpConnection,
  type CallOptions,
  type ConnectionOptions,
  type TransportKind,
} from './connection';
export { McpCallError, type McpCallErrorKind } from './errors';
export { mergePathLists, parseLoginShellOutput, resolveServerPath, serverPath } from './login-path';
export {
  mcpServerIdFor,
  parseMcpServers,
  parseMcpServersText,
  type McpConfigProblem,
  type ParsedMcpServers,
} from './mcp-servers-json';
export { McpServers, type McpServerTool, type McpServersOptions } from './mcp-servers';
export {
  defaultCallTimeoutMs,
  defaultMaxResultTextBytes,
  mcpServerConfigSchema,
  type HttpTransportConfig,
  type McpServerConfig,
  type StdioTransportConfig,
} from './server-config';
export type { McpServerStatus } from './server-runner';
export type { McpTool } from './tool-list';
export type { McpContent, McpToolResult } from './tool-result';
export { assignWireNames, wireNamePattern, type ToolRef, type WireNames } from './wire-names';
