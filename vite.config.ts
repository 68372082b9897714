import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// One config for the web build (root: web/) and for vitest (tests/ at the project root).
export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // Every browser the finder targets preloads modules natively; the polyfill cost 0.5 kB gzip.
    modulePreload: { polyfill: false },
    rolldownOptions: {
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
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Browser tests poll for what a page shows; under a loaded 2-core CI machine 1 s is too short.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
  },
})
