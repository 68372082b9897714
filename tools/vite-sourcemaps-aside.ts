import fs from 'node:fs/promises'
import path from 'node:path'
import type { Plugin } from 'vite'

/**
 * Moves the build's source maps out of the served folder into `dir`, so they are kept for
 * reading production stack traces but never sent to a browser. Use with
 * `build.sourcemap: 'hidden'`, which leaves no `sourceMappingURL` comment pointing at them.
 */
export function sourcemapsAside(dir: string): Plugin {
  return {
    name: 'waystation:sourcemaps-aside',
    async buildStart() {
      await fs.rm(dir, { recursive: true, force: true })
    },
    async writeBundle(output, bundle) {
      const outDir = output.dir ?? path.dirname(output.file ?? '.')
      const maps = Object.keys(bundle).filter((name) => name.endsWith('.map'))
      await Promise.all(
        maps.map(async (name) => {
          const target = path.join(dir, name)
          await fs.mkdir(path.dirname(target), { recursive: true })
          await fs.rename(path.join(outDir, name), target)
        }),
      )
    },
  }
}
