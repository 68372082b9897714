import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { startServer } from '../../e2e/harness.ts'
import type { RunningServer } from '../../e2e/harness.ts'
import { runCli, stationLine } from './run-cli.ts'

// A deployment with no sample data, and an import made by the CLI while the server runs: the
// server must serve the new records without a restart (it notices the data version moved).

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-live-'))
let server: RunningServer | undefined
afterAll(async () => {
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

interface Health {
  stations: number
  counties: number
  dataVersion: number
  sampleData: boolean
}

it(
  'serves what the CLI imports and rolls back, without a restart',
  { timeout: 240_000 },
  async () => {
    const env = { WAYSTATION_DATA_DIR: dataDir, WAYSTATION_SEED: 'none' }
    server = await startServer({ dataDir, env })
    const get = async <T>(url: string) => {
      const res = await fetch(`${server!.baseUrl}${url}`)
      expect(res.status, url).toBe(200)
      return (await res.json()) as T
    }
    const start = await get<Health>('/api/health')
    expect(start).toMatchObject({ stations: 0, counties: 89, sampleData: false })

    const line = stationLine(7, { name: '西溪登记驿站', sourceRef: 'XH-7' })
    const { lon, lat } = JSON.parse(line) as { lon: number; lat: number }
    const nearby = `/api/stations/nearby?lon=${lon}&lat=${lat}&radius=100`
    type Nearby = { features: { properties: { name: string; sample: boolean; source: string } }[] }
    expect((await get<Nearby>(nearby)).features).toEqual([])

    const file = path.join(dataDir, 'xihu.jsonl')
    fs.writeFileSync(file, `${line}\n`)
    const run = await runCli([file, '--source', '西湖区总工会'], env)
    expect(run.code, run.stderr).toBe(0)
    const batchId = /Committed as import batch (\S+) /.exec(run.stdout)![1]!

    const after = await get<Health>('/api/health')
    expect(after.dataVersion).toBeGreaterThan(start.dataVersion)
    expect(after).toMatchObject({ stations: 1, sampleData: false })
    const found = (await get<Nearby>(nearby)).features
    expect(found.map((f) => f.properties)).toEqual([
      expect.objectContaining({ name: '西溪登记驿站', sample: false, source: '西湖区总工会' }),
    ])

    expect((await runCli(['--rollback', batchId], env)).code).toBe(0)
    expect((await get<Nearby>(nearby)).features).toEqual([])
    expect((await get<Health>('/api/health')).dataVersion).toBeGreaterThan(after.dataVersion)
  },
)
