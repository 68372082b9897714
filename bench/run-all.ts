import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

// `npm run bench`: each benchmark in its own process (so one's heap and JIT state can't skew
// another's), figures to stdout, then bench/results/summary.json gathering every result file.

const BENCHES = [
  'nearby-index.ts',
  'http.ts',
  'coverage.ts',
  'max-cover.ts',
  'exports.ts',
  'import.ts',
  'tiles.ts',
  'startup.ts',
  'web-size.ts',
  'web-first-stations.ts',
]
const only = process.argv.slice(2)

for (const file of BENCHES) {
  if (only.length > 0 && !only.some((o) => file.startsWith(o))) continue
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], {
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    console.error(`bench/${file} failed with exit code ${result.status}`)
    process.exit(1)
  }
}

const dir = path.join('bench', 'results')
const summary = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'summary.json')
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]),
)
fs.writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
console.log(`\nsummary → ${path.join(dir, 'summary.json')}`)
