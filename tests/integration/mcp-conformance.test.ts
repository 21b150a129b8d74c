// The MCP project's conformance suite (@modelcontextprotocol/conformance) run against Runnel's MCP
// client module: its CLI starts each client scenario's server and runs our adapter
// (tests/conformance/runnel-mcp-client.ts) against it; every check must pass, none warn.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isLeftOut, playedScenarios } from '../conformance/scenarios';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = [
  // The CLI imports fs.globSync (Node 22) at load; the shim lets it load on Node 20.
  '--import',
  join(root, 'tests/conformance/node20-fs-glob.mjs'),
  join(root, 'node_modules/@modelcontextprotocol/conformance/dist/index.js'),
];
const client = `${join(root, 'node_modules/.bin/tsx')} ${join(root, 'tests/conformance/runnel-mcp-client.ts')}`;

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'runnel-conformance-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('MCP conformance, client scenarios', () => {
  it('accounts for every client scenario of the installed suite', async () => {
    const { stdout } = await run(process.execPath, [...cli, 'list', '--client'], { cwd: root, timeout: 10_000 });
    const listed = [...stdout.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1] ?? '');
    expect(listed).toEqual(expect.arrayContaining([...playedScenarios]));
    const unaccounted = listed.filter((s) => !(playedScenarios as readonly string[]).includes(s) && !isLeftOut(s));
    expect(unaccounted).toEqual([]);
  });

  it.concurrent.each(playedScenarios)(
    '%s passes',
    async (scenario) => {
      const dir = join(out, scenario);
      const result = await run(
        process.execPath,
        [...cli, 'client', '--command', client, '--scenario', scenario, '--timeout', '20000', '-o', dir],
        { cwd: root, timeout: 28_000 },
      ).catch((err: { stdout?: string; stderr?: string; code?: number }) => err);
      const [runDir] = readdirSync(dir);
      const checks = JSON.parse(readFileSync(join(dir, runDir ?? '', 'checks.json'), 'utf8')) as {
        id: string;
        status: string;
        errorMessage?: string;
      }[];
      const judged = checks.filter((c) => c.status !== 'INFO');
      expect(judged.length, `${result.stderr ?? ''}`).toBeGreaterThan(0);
      expect(
        judged.filter((c) => c.status !== 'SUCCESS'),
        `${result.stderr ?? ''}`,
      ).toEqual([]);
      expect('code' in result ? result.code : 0, `${result.stderr ?? ''}`).toBe(0);
      // About 3 s each on an idle machine (the suite's CLI and the adapter each start a Node); more under load.
    },
    30_000,
  );
});
