// Whether the web host may start MCP servers that are commands: a tool server runs with the
// user's rights, so a host reachable from other machines starts none unless the user said so
// (--allow-stdio-tools). On loopback only this machine's user reaches it, as with the desktop app.
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);

export const stdioToolsAllowed = (host: string, allowFlag: boolean): boolean => allowFlag || isLoopback(host);
