// Which tools a conversation offers its model, as the user chose them in the composer's Tools
// popover. Stored as exceptions to the default (every tool of every enabled server is on): a
// server as a whole (`tool: null`) or one of its tools, on or off. A tool follows its own entry,
// else its server's, else the default, so a tool a server adds later follows the server's choice.
// A conversation with no entries (a new one) offers everything.

export interface ToolChoiceEntry {
  serverId: string;
  /** The tool's own name (as its server calls it); null: the server as a whole. */
  tool: string | null;
  on: boolean;
}

export type ToolChoice = readonly ToolChoiceEntry[];

/** What a conversation that never chose offers: every tool of every enabled server. */
export const allTools: ToolChoice = [];

/** Whether `tool` of `serverId` is offered under `choice`. */
export function isToolOn(choice: ToolChoice, serverId: string, tool: string): boolean {
  const own = choice.find((e) => e.serverId === serverId && e.tool === tool);
  if (own) return own.on;
  return choice.find((e) => e.serverId === serverId && e.tool === null)?.on ?? true;
}

/** All of a server's tools on or off: its own entries go, the server's entry says it. */
export function withServer(choice: ToolChoice, serverId: string, on: boolean): ToolChoice {
  const rest = choice.filter((e) => e.serverId !== serverId);
  return on ? rest : [...rest, { serverId, tool: null, on: false }];
}

/** One tool on or off; an entry is kept only where it differs from its server's choice. */
export function withTool(choice: ToolChoice, serverId: string, tool: string, on: boolean): ToolChoice {
  const rest = choice.filter((e) => !(e.serverId === serverId && e.tool === tool));
  const serverOn = rest.find((e) => e.serverId === serverId && e.tool === null)?.on ?? true;
  return on === serverOn ? rest : [...rest, { serverId, tool, on }];
}

export interface ServerTools {
  id: string;
  tools: readonly { name: string }[];
}

/** A server's checkbox: all of its tools on, none, or some. */
export function serverState(choice: ToolChoice, server: ServerTools): 'all' | 'none' | 'some' {
  if (!server.tools.length)
    return choice.some((e) => e.serverId === server.id && e.tool === null && !e.on) ? 'none' : 'all';
  const on = server.tools.filter((t) => isToolOn(choice, server.id, t.name)).length;
  return on === server.tools.length ? 'all' : on === 0 ? 'none' : 'some';
}

/** How many of these servers' tools are on. */
export function countOn(choice: ToolChoice, servers: readonly ServerTools[]): number {
  return servers.reduce((n, s) => n + s.tools.filter((t) => isToolOn(choice, s.id, t.name)).length, 0);
}

/** A remembered refusal: this model of this backend takes no tools (Ollama's "does not support tools"). */
export interface ModelToolRefusal {
  backendId: string;
  model: string;
  /** The server's words, as it refused. */
  message: string;
  refusedAt: number;
}
