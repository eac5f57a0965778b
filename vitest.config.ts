import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/cli.cjs once per run when it is missing or older than src/ (the CLI tests spawn it).
    globalSetup: ['test/cli/global-setup.ts'],
    pool: 'threads',
    testTimeout: 20000,
  },
});
