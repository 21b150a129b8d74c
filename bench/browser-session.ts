// What the renderer benchmarks share: a build of the app (made once per run in bench/.cache),
// the real web host on a data folder, and Debian's (or Playwright's) Chromium driving it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tests/e2e/support/find-chromium';
import { startServe, type BackendConfig, type ServeProcess } from '../tests/e2e/support/serve-process';

const root = fileURLToPath(new URL('../', import.meta.url));
export const cacheDir = fileURLToPath(new URL('./.cache/', import.meta.url));
const outDir = `${cacheDir}out`;

let built = false;
/** Builds the app into bench/.cache/out once per run and points the web host at it. */
export function ensureBuild(): void {
  if (!built || !existsSync(`${outDir}/renderer/index.html`)) {
    execFileSync(
      process.execPath,
      [`${root}node_modules/electron-vite/bin/electron-vite.js`, 'build', '--outDir', outDir],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
    built = true;
  }
  process.env.RUNNEL_E2E_OUT = outDir;
}

export interface BrowserSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openSession(dataDir: string, backends: BackendConfig[] = []): Promise<BrowserSession> {
  ensureBuild();
  const serve = await startServe(dataDir, backends);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  const page = await browser.newPage();
  return {
    serve,
    browser,
    page,
    async close() {
      await browser.close();
      await serve.stop();
    },
  };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
