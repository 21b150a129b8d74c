// A model's arguments reach a tool only as a JSON object; anything else is refused before it runs.
import { describe, expect, it } from 'vitest';
import { parseArguments } from './tool-host';

describe('the arguments a tool is called with', () => {
  it('take an object, and read no arguments as {}', () => {
    expect(parseArguments('{"path":"a.txt","n":2}')).toEqual({ path: 'a.txt', n: 2 });
    expect(parseArguments('')).toEqual({});
    expect(parseArguments('  ')).toEqual({});
  });

  it.each(['{"path": ', '[1,2]', '"text"', '42', 'null'])('refuse %s without running the tool', (text) => {
    expect(() => parseArguments(text)).toThrow(/not a JSON object, so the tool was not run/);
  });
});
