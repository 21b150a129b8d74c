// The names tools are offered to models under (`server__tool`, `^[a-zA-Z0-9_-]{1,64}$`, unique,
// the same in any order) and the map back to the server and tool a call names.
import { createHash } from 'node:crypto';

export interface ToolRef {
  serverId: string;
  /** Shown to the model in the name; the id is what a call maps back to. */
  serverName: string;
  toolName: string;
}

export interface WireNames {
  /** The wire name of each ref, in the order given. */
  names: string[];
  /** Wire name to the tool it stands for. */
  byName: Map<string, ToolRef>;
}

export const wireNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;
const maxLength = 64;
const maxServerPart = 20;

function clean(part: string, fallback: string): string {
  const cleaned = part
    .replace(/[^a-zA-Z0-9_-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^_+|_+$/g, '');
  return cleaned || fallback;
}

function shortHash(ref: ToolRef, salt: number): string {
  return createHash('sha256').update(`${ref.serverId}\0${ref.toolName}\0${salt}`).digest('hex').slice(0, 6);
}

/** Cut to fit with `_` and a hash of the pair, so two long names that share a start still differ. */
function hashed(base: string, ref: ToolRef, salt: number): string {
  return `${base.slice(0, maxLength - 7)}_${shortHash(ref, salt)}`;
}

/** The name before collisions: `server__tool`, the server part shortened first when too long. */
export function baseWireName(serverName: string, toolName: string): { name: string; shortened: boolean } {
  const server = clean(serverName, 'mcp');
  const tool = clean(toolName, 'tool');
  const whole = `${server}__${tool}`;
  if (whole.length <= maxLength) return { name: whole, shortened: false };
  return { name: `${server.slice(0, maxServerPart)}__${tool}`, shortened: true };
}

const key = (ref: ToolRef) => `${ref.serverId}\0${ref.toolName}`;
const compare = (a: ToolRef, b: ToolRef) =>
  a.serverName < b.serverName ? -1 : a.serverName > b.serverName ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/**
 * Assigns wire names. Refs are taken in a fixed order (server name, id, tool) so the result does not
 * depend on the order given: the first to want a name keeps it, later ones get a hashed variant.
 * The same server id and tool given twice share one name.
 */
export function assignWireNames(refs: readonly ToolRef[]): WireNames {
  const byName = new Map<string, ToolRef>();
  const byKey = new Map<string, string>();
  for (const ref of [...refs].sort(compare)) {
    if (byKey.has(key(ref))) continue;
    const { name: base, shortened } = baseWireName(ref.serverName, ref.toolName);
    let name = shortened ? hashed(base, ref, 0) : base;
    for (let salt = 1; byName.has(name); salt++) name = hashed(base, ref, salt);
    byName.set(name, ref);
    byKey.set(key(ref), name);
  }
  return { names: refs.map((ref) => byKey.get(key(ref)) ?? ''), byName };
}
