// What may be attached: images known by their bytes whatever their name, text by name and strict
// UTF-8, sizes against their kind's limit.
import { describe, expect, it } from 'vitest';
import {
  attachmentLimits,
  classifyAttachment,
  isUtf8Text,
  refusalText,
  sniffImage,
  takesImages,
  textMimeFor,
  uploadChunkBytes,
  uploadChunkChars,
} from './attachment-rules';

const bytes = (...values: (number | string)[]): Uint8Array =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

const png = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR');
const jpeg = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 'JFIF', 0);
const gif = bytes('GIF89a', 1, 0, 1, 0);
const webp = bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ');
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('sniffImage', () => {
  it('knows PNG, JPEG, GIF (87a and 89a) and WebP by their first bytes', () => {
    expect(sniffImage(png)).toBe('image/png');
    expect(sniffImage(jpeg)).toBe('image/jpeg');
    expect(sniffImage(gif)).toBe('image/gif');
    expect(sniffImage(bytes('GIF87a', 0))).toBe('image/gif');
    expect(sniffImage(webp)).toBe('image/webp');
  });

  it('refuses what only looks alike: RIFF that is not WebP (a WAV), SVG, BMP, text, too few bytes', () => {
    expect(sniffImage(bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '))).toBeNull();
    expect(sniffImage(utf8('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(sniffImage(bytes('BM', 0, 0, 0, 0))).toBeNull();
    expect(sniffImage(utf8('hello'))).toBeNull();
    expect(sniffImage(png.subarray(0, 5))).toBeNull();
  });
});

describe('classifyAttachment', () => {
  it('trusts the bytes, not the name: a PNG called notes.txt is an image, a "photo.png" of text is refused', () => {
    expect(classifyAttachment('notes.txt', png, 100)).toEqual({ kind: 'image', mime: 'image/png' });
    expect(classifyAttachment('photo.png', utf8('just text'), 9)).toEqual({ reason: 'type' });
    expect(classifyAttachment('photo.jpg', webp, 100)).toEqual({ kind: 'image', mime: 'image/webp' });
  });

  it('accepts text and source files by name', () => {
    for (const name of ['a.txt', 'README.md', 'data.json', 'table.csv', 'main.ts', 'app.py', 'lib.rs', 'Dockerfile']) {
      expect(classifyAttachment(name, utf8('x = 1'), 5)).toMatchObject({ kind: 'text' });
    }
    expect(textMimeFor('data.JSON')).toBe('application/json');
    expect(textMimeFor('dir/sub/notes.md')).toBe('text/markdown');
  });

  it('refuses other types, empty files, bad names and files over their kind’s limit', () => {
    expect(classifyAttachment('setup.exe', bytes('MZ', 0x90, 0), 3)).toEqual({ reason: 'type' });
    expect(classifyAttachment('doc.pdf', utf8('%PDF-1.7'), 8)).toEqual({ reason: 'type' });
    expect(classifyAttachment('empty.txt', new Uint8Array(), 0)).toEqual({ reason: 'empty' });
    expect(classifyAttachment('', utf8('x'), 1)).toEqual({ reason: 'name' });
    expect(classifyAttachment('x'.repeat(256), utf8('x'), 1)).toEqual({ reason: 'name' });
    expect(classifyAttachment('big.png', png, attachmentLimits.imageBytes + 1)).toEqual({
      reason: 'too-large',
      kind: 'image',
      limit: attachmentLimits.imageBytes,
    });
    expect(classifyAttachment('big.png', png, attachmentLimits.imageBytes)).toMatchObject({ kind: 'image' });
    expect(classifyAttachment('big.txt', utf8('x'), attachmentLimits.textBytes + 1)).toMatchObject({
      reason: 'too-large',
      kind: 'text',
    });
  });
});

describe('isUtf8Text', () => {
  it('accepts ASCII, Chinese, emoji and a BOM', () => {
    expect(isUtf8Text(utf8('plain'))).toBe(true);
    expect(isUtf8Text(utf8('中文文本 with 👋 and é'))).toBe(true);
    expect(isUtf8Text(bytes(0xef, 0xbb, 0xbf, 'a'))).toBe(true);
  });

  it('refuses NUL bytes, Latin-1, overlongs, surrogates, code points past U+10FFFF and cut sequences', () => {
    expect(isUtf8Text(bytes('a', 0, 'b'))).toBe(false);
    expect(isUtf8Text(bytes('caf', 0xe9))).toBe(false);
    expect(isUtf8Text(bytes(0xc0, 0xaf))).toBe(false);
    expect(isUtf8Text(bytes(0xe0, 0x80, 0xaf))).toBe(false);
    expect(isUtf8Text(bytes(0xed, 0xa0, 0x80))).toBe(false);
    expect(isUtf8Text(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(false);
    expect(isUtf8Text(utf8('👋').subarray(0, 3))).toBe(false);
    expect(isUtf8Text(png)).toBe(false);
  });
});

describe('limits and kinds', () => {
  it('cuts uploads into pieces that are whole base64 and fit the web host’s socket cap', () => {
    expect(uploadChunkBytes % 3).toBe(0);
    expect(uploadChunkChars).toBe((uploadChunkBytes / 3) * 4);
    expect(uploadChunkChars + 1024).toBeLessThan(8 * 1024 * 1024);
  });

  it('says which kinds carry images', () => {
    expect(
      ['openai-chat', 'openai-responses', 'anthropic', 'ollama', 'openai-realtime'].every((k) =>
        takesImages(k as never),
      ),
    ).toBe(true);
    expect(['triton-grpc', 'koboldcpp', 'websocket-json', 'runpod'].some((k) => takesImages(k as never))).toBe(false);
  });

  it('explains each refusal with the file’s name', () => {
    expect(refusalText('a.exe', { reason: 'type' })).toMatch(
      /"a.exe" cannot be attached: only PNG, JPEG, WebP and GIF/,
    );
    expect(refusalText('b.png', { reason: 'too-large', kind: 'image', limit: 20 * 1024 * 1024 })).toBe(
      '"b.png" is too large: images can be at most 20 MB.',
    );
    expect(refusalText('c.txt', { reason: 'not-text' })).toMatch(/not UTF-8 text/);
  });
});
