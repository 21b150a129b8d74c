// Every sentence main writes for the user comes from a word book (src/shared/words), so the
// renderer can show it in the UI's language: a `chatError` whose message is a string literal or a
// template written in main would reach a Chinese UI in English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const mainDir = join(__dirname, '..', '..', 'main');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe("main's sentences", () => {
  it('are never written as literals in a chatError', () => {
    const literal = /chatError\(\s*'[a-z_]+',\s*['`"]/g;
    const found = sources(mainDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => `${file.slice(mainDir.length + 1)}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });
});
