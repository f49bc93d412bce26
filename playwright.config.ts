import { defineConfig } from '@playwright/test';
import type { BrowserName } from './tests/support/driver';

// End-to-end tests drive the built extension in Debian's real browsers, each test on a
// fresh profile of its own, so tests run in any order and on any worker:
// `npm run test:e2e` shuffles them on every run (Playwright prints the seed;
// `--shuffle=SEED` repeats an order).
// - "chromium" and "firefox": the user-level suite in tests/both, written once against
//   the driver in tests/support/driver, run in Chromium (.output/chrome-mv3, Playwright)
//   and in Firefox ESR (.output/firefox-mv2, puppeteer-core over WebDriver BiDi);
// - "chromium+firefox": tests that use both browsers at once (tests/cross-browser);
// - "chromium-only": tests/e2e, specs that need Playwright's Chromium-only tools.
export default defineConfig<{ glossBrowser: BrowserName }>({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Two browsers at a time on this 2-core machine: a third cut the suite from 6.0 to 5.3
  // minutes but starved the pointer tests of the time they measure.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
  projects: [
    { name: 'chromium', testDir: 'tests/both', use: { glossBrowser: 'chromium' } },
    { name: 'firefox', testDir: 'tests/both', use: { glossBrowser: 'firefox' } },
    { name: 'chromium+firefox', testDir: 'tests/cross-browser' },
    { name: 'chromium-only', testDir: 'tests/e2e' },
  ],
});
