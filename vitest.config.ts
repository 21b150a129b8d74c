// Unit tests sit beside the code; integration tests against fake servers live in tests/integration.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'tests/integration/**/*.test.ts',
      'tests/fuzz/**/*.test.ts',
      'tests/servers/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 15_000,
    pool: 'forks',
  },
});
