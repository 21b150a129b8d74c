// Serves the built renderer, and nothing outside its folder: paths are decoded, normalized and
// checked to stay inside the root; dotfiles and anything that is not a regular file are refused.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentType } from './content-types';

/** Resolves a request path inside root, or null when it would leave it. */
export async function resolveStatic(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).some((part) => part === '..' || part.startsWith('.'))) return null;
  const realRoot = await realpath(root);
  let file: string;
  try {
    file = await realpath(join(realRoot, relative));
  } catch {
    return null;
  }
  if (file !== realRoot && !file.startsWith(realRoot + sep)) return null;
  const info = await stat(file);
  return info.isFile() ? file : null;
}

export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = await resolveStatic(root, path);
  if (!file) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': contentType(file),
    'cache-control': file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
