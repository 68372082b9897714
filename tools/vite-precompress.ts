import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Text formats worth compressing; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|wasm)$/

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file the build emits, so the
 * server sends bytes compressed once at maximum effort instead of compressing per request
 * (server/http/static-file.ts picks the variant by Accept-Encoding). Files under `minBytes`,
 * and variants that would not be smaller than the file, are not written.
 */
export function precompress({ minBytes = 1024 } = {}): Plugin {
  return {
    name: 'waystation:precompress',
    async writeBundle(output, bundle) {
      const dir = output.dir ?? path.dirname(output.file ?? '.')
      const names = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name))
      await Promise.all(
        names.map(async (name) => {
          const file = path.join(dir, name)
          const data = await fs.readFile(file)
          if (data.length < minBytes) return
          const [br, gz] = await Promise.all([
            brotli(data, {
              params: {
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
              },
            }),
            gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ])
          if (br.length < data.length) await fs.writeFile(`${file}.br`, br)
          if (gz.length < data.length) await fs.writeFile(`${file}.gz`, gz)
        }),
      )
    },
  }
}
