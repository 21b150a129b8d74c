// One request and its whole answer, whatever carries it: JSON over HTTP (model lists, probes), or a
// unary gRPC call whose response message comes back as bytes for the adapter to decode. Model
// lists go through here, so a kind that lists its models over gRPC needs no code of its own.
import { requestJson } from './http-request';
import { callGrpcUnary } from './grpc-unary';
import { isGrpcUnary, limitsFor, type HttpRequestPlan, type TransportLimits } from './types';

/** Parsed JSON for an HTTP plan; the response message's bytes (a Uint8Array) for a GrpcUnaryPlan. */
export function sendRequest(plan: HttpRequestPlan, signal: AbortSignal, limits: TransportLimits): Promise<unknown> {
  limits = limitsFor(plan, limits);
  return isGrpcUnary(plan) ? callGrpcUnary(plan, signal, limits) : requestJson(plan, signal, limits);
}
