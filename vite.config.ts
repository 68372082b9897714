import { configDefaults, defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { precompress } from './tools/vite-precompress.ts'
import { sourcemapsAside } from './tools/vite-sourcemaps-aside.ts'
import { kioskServiceWorker } from './tools/vite-kiosk-sw.ts'
import { pgUnavailable } from './tests/server/db/pg-available.ts'

// One config for the web build (root: web/) and for vitest (tests/ at the project root).
export default defineConfig({
  root: 'web',
  // Files served as they are at a fixed URL (the favicon); everything else is bundled and hashed.
  publicDir: 'public',
  plugins: [react(), kioskServiceWorker()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // Source maps for reading production stack traces, kept outside the served folder.
    sourcemap: 'hidden',
    // Every browser the finder targets preloads modules natively; the polyfill cost 0.5 kB gzip.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      plugins: [sourcemapsAside('dist/sourcemaps'), precompress()],
      output: {
        // MapLibre in a chunk of its own: cached across app releases, and measured apart from
        // the app in the first-load budget (tests/web/bundle-budget.test.ts).
        codeSplitting: {
          groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl[\\/]/ }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/basemap': 'http://localhost:8080' } },
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 20_000,
    // Browser tests poll for what a page shows; under a loaded 2-core CI machine 1 s is too short.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Browser suites form their own project so that its globalSetup (build the web app once,
    // fail under CI=true without Chromium) runs only in runs that include one of them.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/e2e/**'],
        },
      },
      // The API suites that read and write data, again on PostgreSQL + PostGIS (test-app.ts
      // picks the store); left out, with the store contract's skip saying why, where none can run.
      ...(pgUnavailable === null
        ? [
            {
              extends: true as const,
              test: {
                name: 'api-postgres',
                include: [
                  'tests/server/api/{stations,station-heads,classes,edits,reports,report-inbox,import,scale-150k}.test.ts',
                ],
                env: { WAYSTATION_TEST_STORE: 'postgres' },
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
        },
      },
    ],
  },
})
