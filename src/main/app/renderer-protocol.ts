// Serves the built renderer on its own scheme (app://runnel/) instead of file://. A file:// page
// needs the extra privileges the `grantFileProtocolExtraPrivileges` fuse turns off (module
// scripts, fetch), and every file on disk would share its origin; app://runnel/ is one origin
// that can reach only the renderer's folder, with the CSP on every response.
import { protocol } from 'electron';
import { rendererResponse, rendererScheme } from './renderer-response';

/**
 * Must run before the app is ready: privileges are fixed when the scheme is registered. The code
 * cache lets V8 reuse the renderer script's compiled code from one start to the next, as Chromium
 * does for http(s); without it a custom scheme compiles the script afresh at every start.
 */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: rendererScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(root: string): void {
  protocol.handle(rendererScheme, (request) => rendererResponse(root, request.url, request.method));
}
