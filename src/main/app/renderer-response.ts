// What the desktop window's own scheme answers: the built renderer's files and nothing else, each
// with the CSP and nosniff headers. Plain Node (no Electron), so it is tested directly; the
// scheme itself is registered in renderer-protocol.ts.
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../../shared/csp';
import { resolveStatic } from '../web-host/static-files';
import { contentType } from '../web-host/content-types';

/** The renderer's origin in the desktop app. A standard, secure scheme, so 'self' means exactly this. */
export const rendererScheme = 'app';
export const rendererOrigin = `${rendererScheme}://runnel`;
export const rendererEntry = `${rendererOrigin}/index.html`;

/** True for the app's own pages; `app://runnel.evil/` and `app://runnel@evil/` are not. */
export const isRendererUrl = (url: string): boolean => url.startsWith(`${rendererOrigin}/`);

const headers = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
};

const notFound = () =>
  new Response('Not found', { status: 404, headers: { ...headers, 'content-type': 'text/plain' } });

export async function rendererResponse(root: string, url: string, method: string): Promise<Response> {
  if (!isRendererUrl(url)) return notFound();
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers });
  // URL keeps `..` encoded as %2E%2E; resolveStatic decodes, normalizes and refuses any escape.
  const file = await resolveStatic(root, new URL(url).pathname);
  if (!file) return notFound();
  const body = method === 'HEAD' ? null : await readFile(file);
  return new Response(body, {
    status: 200,
    headers: { ...headers, 'content-type': contentType(file) },
  });
}
