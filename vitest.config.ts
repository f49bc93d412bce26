import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    // A guard against a hung test, not a speed limit: some tests start npm and tsx in a new
    // process or compile a large pack, which takes seconds while `make test` runs the sync
    // server's tests beside them on a 2-core machine.
    testTimeout: 30_000,
  },
});
