// Which web permissions the window may have: exactly one, `clipboard-sanitized-write` (what
// `navigator.clipboard.writeText` asks for, behind every Copy button), and only for the app's
// own origin. Everything else (camera, notifications, geolocation, clipboard reading, …) is
// refused. Plain Node, so the rule is tested without Electron.

const allowed: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * The scheme and authority of a URL or origin, as text. `new URL(...).origin` is 'null' for a
 * custom scheme such as app://, so it is cut out of the string instead.
 */
export function originOf(url: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]+)(?:[/?#]|$)/i.exec(url.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** `appOrigin` is `app://runnel` in a built app, the dev server's origin under `electron-vite dev`. */
export function permissionAllowed(permission: string, requesting: string | undefined, appOrigin: string): boolean {
  if (!allowed.has(permission) || !requesting) return false;
  return originOf(requesting) === originOf(appOrigin);
}
