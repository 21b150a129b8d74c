// Tool results reduced to text and images, text capped at a size and marked cut; stderr's last lines.
import { describe, expect, it } from 'vitest';
import { StderrTail } from './stderr-tail';
import { cutToBytes, toToolResult } from './tool-result';

describe('toToolResult', () => {
  it('keeps text and images, and words the rest as text', () => {
    const result = toToolResult(
      {
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
          { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
          { type: 'resource', resource: { uri: 'file:///a.txt', mimeType: 'text/plain', text: 'inside' } },
          { type: 'resource', resource: { uri: 'file:///b.bin', blob: 'AAAAAA==' } },
          { type: 'resource', resource: { uri: 'file:///c.png', mimeType: 'image/png', blob: 'iVBO' } },
          { type: 'resource_link', uri: 'file:///d', name: 'd', description: 'a file' },
        ],
        isError: true,
      },
      1000,
    );
    expect(result).toEqual({
      isError: true,
      truncated: false,
      content: [
        { type: 'text', text: 'hello' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'text', text: '[Audio (audio/wav), 3 bytes, not shown]' },
        { type: 'text', text: '[Resource file:///a.txt (text/plain)]\ninside' },
        { type: 'text', text: '[Resource file:///b.bin, 4 bytes, not shown]' },
        { type: 'image', data: 'iVBO', mimeType: 'image/png' },
        { type: 'text', text: '[Resource link: d file:///d]\na file' },
      ],
    });
  });

  it('gives structured content as text when there is no other content', () => {
    const result = toToolResult({ content: [], structuredContent: { a: 1 } }, 1000);
    expect(result.content).toEqual([{ type: 'text', text: '{"a":1}' }]);
    expect(result.structuredContent).toEqual({ a: 1 });
  });

  it('cuts text over the limit across blocks, never inside a character, and says so', () => {
    const result = toToolResult(
      {
        content: [
          { type: 'text', text: 'a'.repeat(1500) },
          { type: 'image', data: 'AA==', mimeType: 'image/png' },
          { type: 'text', text: 'é'.repeat(1000) },
          { type: 'text', text: 'dropped' },
        ],
      },
      2049,
    );
    expect(result.truncated).toBe(true);
    expect(result.content.map((b) => (b.type === 'text' ? b.text.length : 'image'))).toEqual([
      1500,
      'image',
      274,
      expect.any(Number),
    ]);
    expect(result.content.at(-1)).toEqual({ type: 'text', text: '[Result cut: the first 2 KB of 3 KB of text shown]' });
  });

  it('cutToBytes keeps whole characters', () => {
    expect(cutToBytes('aé😀', 2)).toBe('a');
    expect(cutToBytes('aé😀', 3)).toBe('aé');
    expect(cutToBytes('aé😀', 6)).toBe('aé');
    expect(cutToBytes('aé😀', 7)).toBe('aé😀');
    expect(cutToBytes('abc', 0)).toBe('');
  });
});

describe('StderrTail', () => {
  it('keeps the last lines, joining chunks cut mid-line, each line clipped', () => {
    const tail = new StderrTail(3, 10);
    tail.push('one\ntw');
    tail.push('o\r\nthree\nfour\n');
    tail.push('a very long line indeed');
    expect(tail.tail()).toEqual(['three', 'four', 'a very lon…']);
    tail.push('\n\n  \n');
    expect(tail.tail()).toEqual(['three', 'four', 'a very lon…']);
    tail.push('five\n');
    expect(tail.tail()).toEqual(['four', 'a very lon…', 'five']);
  });
});
