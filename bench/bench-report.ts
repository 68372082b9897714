import fs from 'node:fs'
import path from 'node:path'

// Shared output for every bench script: a table on stdout and bench/results/<name>.json.

export type Row = Record<string, string | number>

export function report(name: string, rows: Row[], context: Record<string, unknown> = {}): void {
  console.log(`\n## ${name}`)
  console.table(rows)
  const file = path.join('bench', 'results', `${name}.json`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const body = {
    name,
    measuredAt: new Date().toISOString(),
    node: process.version,
    ...context,
    rows,
  }
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`)
  console.log(`→ ${file}`)
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return NaN
  const i = Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))
  return sortedMs[i]!
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits))
export const heapMb = () => round(process.memoryUsage().heapUsed / 2 ** 20, 1)
