// Arguments are shown for the user to judge: indented, but never changed.
import { describe, expect, it } from 'vitest';
import { shownArguments } from './tool-arguments';

describe('shownArguments', () => {
  it('indents JSON like JSON.stringify with two spaces', () => {
    const raw = '{"path":"/tmp/a b.txt","options":{"recursive":true,"depth":2},"tags":["x","y"],"none":{},"empty":[ ]}';
    expect(shownArguments(raw)).toBe(JSON.stringify(JSON.parse(raw), null, 2));
  });

  it('keeps every token as written: big numbers, escapes, punctuation inside strings', () => {
    const raw = '{"id": 12345678901234567890, "q": "a \\"quoted\\" {x: [1, 2]}", "u": "\\u00e9", "f": 1.50}';
    expect(shownArguments(raw)).toBe(
      [
        '{',
        '  "id": 12345678901234567890,',
        '  "q": "a \\"quoted\\" {x: [1, 2]}",',
        '  "u": "\\u00e9",',
        '  "f": 1.50',
        '}',
      ].join('\n'),
    );
  });

  it('shows text that is not JSON as it is, and nothing for no arguments', () => {
    expect(shownArguments('{"path": "a.txt"')).toBe('{"path": "a.txt"');
    expect(shownArguments('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(shownArguments('  ')).toBe('');
    expect(shownArguments('42')).toBe('42');
    expect(shownArguments('"text"')).toBe('"text"');
  });
});
