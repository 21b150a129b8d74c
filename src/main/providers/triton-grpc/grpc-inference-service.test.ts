// The generated descriptor says what the .proto says: fails when the .proto was edited without
// `npm run proto`, or the descriptor by hand.
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { expect, it } from 'vitest';
import { descriptor } from './grpc-inference-service.descriptor';

it('grpc-inference-service.descriptor.ts is the JSON form of grpc-inference-service.proto as it is now', () => {
  const proto = fileURLToPath(new URL('./grpc-inference-service.proto', import.meta.url));
  expect(new protobuf.Root().loadSync(proto).toJSON()).toEqual(descriptor);
});
