// Generated from grpc-inference-service.proto by scripts/generate-proto.mjs (`npm run proto`): do not edit.
// protobufjs reads this JSON form of the .proto with Root.fromJSON, so no .proto file is needed at run time.
import type { INamespace } from 'protobufjs/light.js';

export const descriptor = {
  nested: {
    inference: {
      nested: {
        GRPCInferenceService: {
          methods: {
            ServerLive: { requestType: 'ServerLiveRequest', responseType: 'ServerLiveResponse' },
            ServerReady: { requestType: 'ServerReadyRequest', responseType: 'ServerReadyResponse' },
            ModelReady: { requestType: 'ModelReadyRequest', responseType: 'ModelReadyResponse' },
            ServerMetadata: { requestType: 'ServerMetadataRequest', responseType: 'ServerMetadataResponse' },
            ModelStreamInfer: {
              requestType: 'ModelInferRequest',
              requestStream: true,
              responseType: 'ModelStreamInferResponse',
              responseStream: true,
            },
            RepositoryIndex: { requestType: 'RepositoryIndexRequest', responseType: 'RepositoryIndexResponse' },
          },
        },
        ServerLiveRequest: { fields: {} },
        ServerLiveResponse: { fields: { live: { type: 'bool', id: 1 } } },
        ServerReadyRequest: { fields: {} },
        ServerReadyResponse: { fields: { ready: { type: 'bool', id: 1 } } },
        ModelReadyRequest: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } },
        ModelReadyResponse: { fields: { ready: { type: 'bool', id: 1 } } },
        ServerMetadataRequest: { fields: {} },
        ServerMetadataResponse: {
          fields: {
            name: { type: 'string', id: 1 },
            version: { type: 'string', id: 2 },
            extensions: { rule: 'repeated', type: 'string', id: 3 },
          },
        },
        InferParameter: {
          oneofs: {
            parameterChoice: { oneof: ['boolParam', 'int64Param', 'stringParam', 'doubleParam', 'uint64Param'] },
          },
          fields: {
            boolParam: { type: 'bool', id: 1 },
            int64Param: { type: 'int64', id: 2 },
            stringParam: { type: 'string', id: 3 },
            doubleParam: { type: 'double', id: 4 },
            uint64Param: { type: 'uint64', id: 5 },
          },
        },
        InferTensorContents: {
          fields: {
            boolContents: { rule: 'repeated', type: 'bool', id: 1 },
            intContents: { rule: 'repeated', type: 'int32', id: 2 },
            int64Contents: { rule: 'repeated', type: 'int64', id: 3 },
            uintContents: { rule: 'repeated', type: 'uint32', id: 4 },
            uint64Contents: { rule: 'repeated', type: 'uint64', id: 5 },
            fp32Contents: { rule: 'repeated', type: 'float', id: 6 },
            fp64Contents: { rule: 'repeated', type: 'double', id: 7 },
            bytesContents: { rule: 'repeated', type: 'bytes', id: 8 },
          },
        },
        ModelInferRequest: {
          fields: {
            modelName: { type: 'string', id: 1 },
            modelVersion: { type: 'string', id: 2 },
            id: { type: 'string', id: 3 },
            parameters: { keyType: 'string', type: 'InferParameter', id: 4 },
            inputs: { rule: 'repeated', type: 'InferInputTensor', id: 5 },
            outputs: { rule: 'repeated', type: 'InferRequestedOutputTensor', id: 6 },
            rawInputContents: { rule: 'repeated', type: 'bytes', id: 7 },
          },
          nested: {
            InferInputTensor: {
              fields: {
                name: { type: 'string', id: 1 },
                datatype: { type: 'string', id: 2 },
                shape: { rule: 'repeated', type: 'int64', id: 3 },
                parameters: { keyType: 'string', type: 'InferParameter', id: 4 },
                contents: { type: 'InferTensorContents', id: 5 },
              },
            },
            InferRequestedOutputTensor: {
              fields: {
                name: { type: 'string', id: 1 },
                parameters: { keyType: 'string', type: 'InferParameter', id: 2 },
              },
            },
          },
        },
        ModelInferResponse: {
          fields: {
            modelName: { type: 'string', id: 1 },
            modelVersion: { type: 'string', id: 2 },
            id: { type: 'string', id: 3 },
            parameters: { keyType: 'string', type: 'InferParameter', id: 4 },
            outputs: { rule: 'repeated', type: 'InferOutputTensor', id: 5 },
            rawOutputContents: { rule: 'repeated', type: 'bytes', id: 6 },
          },
          nested: {
            InferOutputTensor: {
              fields: {
                name: { type: 'string', id: 1 },
                datatype: { type: 'string', id: 2 },
                shape: { rule: 'repeated', type: 'int64', id: 3 },
                parameters: { keyType: 'string', type: 'InferParameter', id: 4 },
                contents: { type: 'InferTensorContents', id: 5 },
              },
            },
          },
        },
        ModelStreamInferResponse: {
          fields: { errorMessage: { type: 'string', id: 1 }, inferResponse: { type: 'ModelInferResponse', id: 2 } },
        },
        RepositoryIndexRequest: {
          fields: { repositoryName: { type: 'string', id: 1 }, ready: { type: 'bool', id: 2 } },
        },
        RepositoryIndexResponse: {
          fields: { models: { rule: 'repeated', type: 'ModelIndex', id: 1 } },
          nested: {
            ModelIndex: {
              fields: {
                name: { type: 'string', id: 1 },
                version: { type: 'string', id: 2 },
                state: { type: 'string', id: 3 },
                reason: { type: 'string', id: 4 },
              },
            },
          },
        },
      },
    },
  },
} as unknown as INamespace;
