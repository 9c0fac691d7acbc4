import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by its public entry points; these resolve to the sources.
    alias: [
      { find: /^vonage-webhook-simulator\/advanced$/, replacement: src('advanced.ts') },
      { find: /^vonage-webhook-simulator\/fixtures\/advanced$/, replacement: src('fixtures/advanced.ts') },
      { find: /^vonage-webhook-simulator\/fixtures$/, replacement: src('fixtures/index.ts') },
      { find: /^vonage-webhook-simulator\/msw$/, replacement: src('msw/index.ts') },
      { find: /^vonage-webhook-simulator$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.{js,ts}'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
    pool: 'threads',
  },
});
