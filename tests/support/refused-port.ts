// A loopback port where nothing listens, for "connection refused" tests. Closing a server that
// listened on port 0 frees its port for anyone, and tests running in parallel (or a fake started
// a moment later) can be given it; port 1 (tcpmux) is privileged and never served here.
export const refusedPort = 1;
export const refusedOrigin = `http://127.0.0.1:${refusedPort}`;
