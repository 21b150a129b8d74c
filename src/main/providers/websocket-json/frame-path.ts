// The small path syntax websocket-json uses to find things in a gateway's JSON frames.
//
//   path       := key ('.' key)*            choices.0.delta.content
//   condition  := path ('=' value)?          type=done   done   error
//
// A key that is all digits indexes an array (and is a plain key on an object). Keys cannot contain
// '.' or '='; whitespace around keys and values is ignored. A bare path *reads* a value; as a
// condition it holds when the value is present and not null, false or "". `path=value` holds when
// the value, as text (strings as they are, numbers and booleans as JSON writes them), equals `value`.

export interface FramePath {
  keys: string[];
  /** Set for `path=value`. */
  equals?: string;
  /** The text as the user wrote it, for messages. */
  source: string;
}

/** Parses a path; null when it is empty or has an empty key (`a..b`, `.a`). */
export function parseFramePath(source: string): FramePath | null {
  const eq = source.indexOf('=');
  const pathText = (eq < 0 ? source : source.slice(0, eq)).trim();
  if (!pathText) return null;
  const keys = pathText.split('.').map((k) => k.trim());
  if (keys.some((k) => !k)) return null;
  return eq < 0 ? { keys, source } : { keys, equals: source.slice(eq + 1).trim(), source };
}

/** The value at `keys`, or undefined where the frame has nothing there. */
export function valueAt(root: unknown, keys: readonly string[]): unknown {
  let at: unknown = root;
  for (const key of keys) {
    if (Array.isArray(at)) {
      if (!/^\d+$/.test(key)) return undefined;
      at = at[Number(key)];
    } else if (typeof at === 'object' && at !== null) {
      at = (at as Record<string, unknown>)[key];
    } else {
      return undefined;
    }
  }
  return at;
}

/** Whether a frame satisfies a condition (see the syntax above). */
export function matches(root: unknown, path: FramePath): boolean {
  const v = valueAt(root, path.keys);
  if (path.equals === undefined) return v !== undefined && v !== null && v !== false && v !== '';
  if (typeof v === 'string') return v === path.equals;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v) === path.equals;
  return false;
}
