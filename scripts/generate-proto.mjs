// `npm run proto`: turns each .proto below into protobufjs's JSON descriptor, written beside it as a
// TypeScript module, so the codec reads no file at run time (vitest, tsx, the bundle, the packaged app).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename } from 'node:path';
import protobuf from 'protobufjs';
import * as prettier from 'prettier';

const protos = ['src/main/providers/triton-grpc/grpc-inference-service.proto'];

for (const proto of protos) {
  const root = new protobuf.Root().loadSync(proto);
  const out = proto.replace(/\.proto$/, '.descriptor.ts');
  const source = [
    `// Generated from ${basename(proto)} by scripts/generate-proto.mjs (\`npm run proto\`): do not edit.`,
    '// protobufjs reads this JSON form of the .proto with Root.fromJSON, so no .proto file is needed at run time.',
    "import type { INamespace } from 'protobufjs/light.js';",
    '',
    // The cast: protobufjs's INamespace type lacks map fields' keyType and wants a comment on every method.
    `export const descriptor = ${JSON.stringify(root.toJSON())} as unknown as INamespace;`,
    '',
  ].join('\n');
  const text = await prettier.format(source, { ...(await prettier.resolveConfig(out)), filepath: out });
  const changed = !existsSync(out) || readFileSync(out, 'utf8') !== text;
  if (changed) writeFileSync(out, text);
  console.log(`${out}: ${changed ? 'written' : 'up to date'}`);
}
