import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';
import os from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests run against the demo app (`yarn start`: backend on 7007,
 * frontend dev server on 3000), with its embedded SQLite in a fresh
 * directory per run, in Debian's Chromium. Playwright never downloads a
 * browser here.
 */
const e2eDataDir =
  process.env.PLATFORM_METRICS_E2E_DATA_DIR ??
  path.join(os.tmpdir(), `platform-metrics-e2e-${process.pid}`);
process.env.PLATFORM_METRICS_E2E_DATA_DIR = e2eDataDir;

export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },
  globalSetup: require.resolve('./e2e/globalSetup.ts'),

  webServer: {
    command: 'yarn start',
    url: 'http://localhost:3000',
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      APP_CONFIG_backend_database_connection_directory: e2eDataDir,
      // run the catalog sync quickly after start
      APP_CONFIG_platformMetrics_catalogSync_frequencyMinutes: '1',
    },
  },

  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'e2e-test-report' }]],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    actionTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: generateProjects(),
});
