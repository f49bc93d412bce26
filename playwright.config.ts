import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built extension (.output/chrome-mv3) in Debian's real
// Chromium; each test file launches its own browser profile (tests/support/browser.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
});
