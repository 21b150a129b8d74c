// frameNdjson: text pieces in (as readText yields them from the socket), one frame per line out,
// whatever the network did to the line boundaries.
import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../shared/chat-error';
import { frameNdjson } from './ndjson-stream';
import { defaultLimits, type NdjsonFrame, type TransportLimits } from './types';

async function* pieces(parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

async function frames(parts: string[], limits: TransportLimits = defaultLimits): Promise<string[]> {
  const out: string[] = [];
  for await (const frame of frameNdjson(pieces(parts), 'h:1', limits)) out.push(frame.line);
  return out;
}

const sample = '{"a":1}\n{"b":"two words"}\r\n\n{"c":"日本🌍"}\r\n  \n{"done":true}\n';
const expected = ['{"a":1}', '{"b":"two words"}', '{"c":"日本🌍"}', '{"done":true}'];

describe('frameNdjson', () => {
  it('gives the same frames wherever a piece boundary falls', async () => {
    expect(await frames([sample])).toEqual(expected);
    for (let i = 0; i <= sample.length; i++) {
      expect(await frames([sample.slice(0, i), sample.slice(i)]), `split at ${i}`).toEqual(expected);
    }
    expect(await frames([...sample])).toEqual(expected); // one character per piece
  });

  it('tolerates CRLF and skips blank and whitespace-only lines', async () => {
    expect(await frames(['\r\n{"x":1}\r\n\r\n\r\n{"y":2}\r\n'])).toEqual(['{"x":1}', '{"y":2}']);
    expect(await frames(['\n\n', '  \r\n'])).toEqual([]);
  });

  it('delivers a last line without its newline on a clean end', async () => {
    expect(await frames(['{"a":1}\n{"done":', 'true}'])).toEqual(['{"a":1}', '{"done":true}']);
  });

  it('hands lines over as text, tagged ndjson, without parsing them', async () => {
    const out: NdjsonFrame[] = [];
    for await (const frame of frameNdjson(pieces(['not json\n']), 'h:1', defaultLimits)) out.push(frame);
    expect(out).toEqual([{ framing: 'ndjson', line: 'not json' }]);
  });

  it('stops with a protocol error on a line longer than maxEventBytes, after the lines before it', async () => {
    const limits = { ...defaultLimits, maxEventBytes: 16 };
    const seen: string[] = [];
    const failure = await (async () => {
      try {
        const long = 'x'.repeat(40);
        const parts = ['{"ok":1}\n', long.slice(0, 10), long.slice(10, 20), long.slice(20), '\n'];
        for await (const frame of frameNdjson(pieces(parts), 'h:1', limits)) seen.push(frame.line);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(seen).toEqual(['{"ok":1}']);
    expect(failure).toBeInstanceOf(ChatFailure);
    expect((failure as ChatFailure).detail).toMatchObject({ code: 'protocol', retryable: false });
    expect((failure as ChatFailure).detail.message).toContain('h:1');
  });

  it('refuses an oversized line that arrives whole in one piece', async () => {
    const limits = { ...defaultLimits, maxEventBytes: 16 };
    await expect(frames([`${'z'.repeat(40)}\n{"ok":1}\n`], limits)).rejects.toBeInstanceOf(ChatFailure);
  });

  it('accepts lines up to the limit', async () => {
    const limits = { ...defaultLimits, maxEventBytes: 16 };
    const line = 'y'.repeat(16);
    expect(await frames([line.slice(0, 8), line.slice(8), '\n', line], limits)).toEqual([line, line]);
  });
});
