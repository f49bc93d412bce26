import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built extension (.output/chrome-mv3) in Debian's real
// Chromium; every test launches its own browser profile (tests/e2e/fixtures.ts), so
// tests run in any order and on any worker: `npm run test:e2e` shuffles them on every
// run (Playwright prints the seed; `--shuffle=SEED` repeats an order).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
});
