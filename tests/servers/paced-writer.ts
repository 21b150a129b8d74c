// How the fakes put text on the socket: whole, or cut inside UTF-8 characters with a pause
// between pieces so each goes out as its own TCP write (the sockets are Nagle-free) and clients
// must decode UTF-8 across network chunks. Any writable works: an HTTP/1.1 response, an HTTP/2
// stream (the gRPC fake), so every fake cuts characters the same way.
import { setImmediate as yieldTurn, setTimeout as sleep } from 'node:timers/promises';

/** Where bytes go: a node:http ServerResponse or a node:http2 stream. */
export interface Sink {
  write(chunk: string | Buffer): unknown;
}

export type Writer = (res: Sink, text: string, signal: AbortSignal) => Promise<void>;

export const plainWrite: Writer = async (res, text) => {
  res.write(text);
};

/** Sleeps `ms`, rejecting as soon as `signal` aborts (the client went away or the server closed). */
export const pause = (ms: number, signal: AbortSignal): Promise<void> => sleep(ms, undefined, { signal });

/** Every multi-byte character cut right after its lead byte (the Ollama, Anthropic and Responses fakes). */
export const splitUtf8Write: Writer = (res, text, signal) =>
  pacedWrite(res, Buffer.from(text, 'utf8'), signal, afterLeadBytes);

/** splitUtf8Write for bytes that are not all text (a gRPC message with its length prefix). */
export const splitUtf8WriteBytes = (res: Sink, bytes: Buffer, signal: AbortSignal): Promise<void> =>
  pacedWrite(res, bytes, signal, afterLeadBytes);

/**
 * Pieces of 1 to 3 bytes, a piece never holding a whole multi-byte character (the OpenAI chat
 * fake): splits land on ASCII as well as inside characters.
 */
export const smallPiecesUtf8Write: Writer = (res, text, signal) =>
  pacedWrite(res, Buffer.from(text, 'utf8'), signal, smallPieces);

/** Writes the pieces in order: a 2 ms timer after a cut inside a character, one event-loop turn otherwise. */
async function pacedWrite(
  res: Sink,
  bytes: Buffer,
  signal: AbortSignal,
  cut: (bytes: Buffer) => Buffer[],
): Promise<void> {
  for (const piece of cut(bytes)) {
    res.write(piece);
    const nextByte = bytes[piece.byteOffset - bytes.byteOffset + piece.length];
    const midCharacter = nextByte !== undefined && (nextByte & 0xc0) === 0x80;
    await (midCharacter ? sleep(2, undefined, { signal }) : yieldTurn(undefined, { signal }));
  }
}

function afterLeadBytes(bytes: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) < 0xc0) continue; // ASCII or a continuation byte
    pieces.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < bytes.length) pieces.push(bytes.subarray(start));
  return pieces;
}

function smallPieces(bytes: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  for (let start = 0, turn = 0; start < bytes.length; turn++) {
    let end = Math.min(start + 1 + (turn % 3), bytes.length);
    for (let i = start; i < end; i++) {
      const length = sequenceLength(bytes[i] ?? 0);
      if (length > 1 && i + length <= end) {
        end = i + 1; // cut right after the lead byte
        break;
      }
    }
    pieces.push(bytes.subarray(start, end));
    start = end;
  }
  return pieces;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}
