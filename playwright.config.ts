// End-to-end tests: the real renderer in a real Chromium through the local web host, and the same
// flow in Electron where its binary is installed.
import { defineConfig } from '@playwright/test';
import { electronMissing } from './tests/e2e/support/electron-binary';
import { chromiumArgs, findChromium } from './tests/e2e/support/find-chromium';

// The list reporter shows a skipped test without its reason: say it here, once, in the log.
const electronSkip = electronMissing();
if (electronSkip && process.env.TEST_WORKER_INDEX === undefined)
  console.log(`[e2e] the Electron spec will be skipped: ${electronSkip}`);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron\//,
      use: { browserName: 'chromium', launchOptions: { executablePath: findChromium(), args: chromiumArgs } },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
