// Lets the conformance CLI load on Node 20: its bundle imports `globSync` from `fs` (Node 22+) for
// its `tier-check` command only, which Runnel does not run. Used as `node --import` before the CLI;
// on a Node that has globSync it does nothing.
import * as fs from 'node:fs';
import { register } from 'node:module';

if (!('globSync' in fs)) {
  const shim = `export * from 'node:fs'; export { default } from 'node:fs';
export function globSync() { throw new Error('fs.globSync needs Node 22'); }`;
  const hooks = `export async function resolve(specifier, context, next) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL?.includes('/@modelcontextprotocol/conformance/')) {
    return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(shim)}), shortCircuit: true };
  }
  return next(specifier, context);
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
