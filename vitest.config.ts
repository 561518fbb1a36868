import { defineConfig } from 'vitest/config'

// Workspace packages export TypeScript sources; tests run them directly.
export default defineConfig({
  resolve: { conditions: ['@dvt/source'] },
  ssr: { resolve: { conditions: ['@dvt/source'] } },
  test: {
    include: ['packages/*/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/*/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
