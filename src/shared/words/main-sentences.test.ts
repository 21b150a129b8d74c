// Every sentence main writes for the user comes from a word book (src/shared/words), so the
// renderer can show it in the UI's language: a `chatError` whose message is a string literal or a
// template written in main would reach a Chinese UI in English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const mainDir = join(__dirname, '..', '..', 'main');
const ipcDir = join(__dirname, '..', 'ipc');

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

  it("give a zod check of Runnel's own its sentence, not English alone (ownError, ownIssue)", () => {
    // zod's own issues (a type, a size, a format) are said from their kind (ipc/invalid-input.ts);
    // a refinement's or an added issue's words are Runnel's, so they must carry their key.
    const patterns = [/\.refine\(\s*\([^)]*\)\s*=>[^,]*,\s*\{\s*error:\s*['`"]/g, /addIssue\(\s*\{/g];
    const found = [...sources(mainDir), ...sources(ipcDir)].flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => `${file}: ${m[0]}`));
    });
    expect(found).toEqual([]);
  });
});
