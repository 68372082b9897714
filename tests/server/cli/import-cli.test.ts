import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { ImportReportSchema } from '../../../server/domain/import-report.ts'
import { ParkFeatureSchema } from '../../../server/domain/park.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { dumpSqlite } from '../db/dump-sqlite.ts'
import { csvBytes, loadCounties, PARK_HEADER, parkRow, truthPoints } from '../import/fixtures.ts'
import { runCli, spawnCli, stationLine } from './run-cli.ts'

// The import CLI as a clerk runs it: real processes over a real database file.

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-import-'))
  dirs.push(dir)
  return dir
}
function writeFile(dir: string, name: string, lines: readonly string[]): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}
const SLOW = { timeout: 240_000 }

describe('npm run import', () => {
  it('refuses bad arguments with the usage and exit 2', SLOW, async () => {
    const dir = tempDir()
    const env = { WAYSTATION_DATA_DIR: path.join(dir, 'data') }
    const file = writeFile(dir, 'reg.jsonl', [stationLine(1)])
    const cases: [string[], RegExp][] = [
      [[], /name at least one file/],
      [[file, '--mode', 'replace'], /--mode must be one of merge, replace-county, replace-all/],
      [[file, '--layer', 'shops'], /--layer must be one of stations, classes, parks/],
      [[file, '--max-rows', '0'], /--max-rows must be a positive integer/],
      [[file, '--list'], /--list takes nothing else/],
      [['--rollback', 'x', '--dry-run'], /--rollback takes nothing else \(--dry-run\)/],
      [[file, '--dryrun'], /Unknown option '--dryrun'/],
      [[path.join(dir, 'missing.jsonl')], /cannot read .*missing\.jsonl: ENOENT/],
    ]
    const runs = await Promise.all(cases.map(([args]) => runCli(args, env)))
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(' ')).toBe(2)
      expect(run.stderr).toMatch(cases[i]![1])
      expect(run.stderr).toContain('Usage:')
    })
    // Nothing was created for a refused command line.
    expect(fs.existsSync(env.WAYSTATION_DATA_DIR)).toBe(false)
    const seed = await runCli(['--list'], { ...env, WAYSTATION_SEED: 'some' })
    expect(seed.code).toBe(2)
    expect(seed.stderr).toMatch(/WAYSTATION_SEED must be one of sample, none, got "some"/)
    const help = await runCli(['--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--max-rows N .*default 500000/)
  })

  it('dry-runs, imports, finds the same file unchanged, and rolls back exactly', SLOW, async () => {
    const dir = tempDir()
    const env = { WAYSTATION_DATA_DIR: path.join(dir, 'data') }
    const db = path.join(env.WAYSTATION_DATA_DIR, 'waystation.sqlite')
    const lines = Array.from({ length: 40 }, (_, i) => stationLine(i))
    lines.push(stationLine(40, { lon: 'east' as never })) // not a number: rejected
    lines.push(stationLine(41, { sourceRef: 'XH-3' })) // the same 编号 again: rejected
    const file = writeFile(dir, 'xihu.jsonl', lines)

    const created = await runCli(['--list'], env) // creates the database, with the sample
    expect(created.stdout).toContain('No import batches.')
    const before = dumpSqlite(db)
    expect(before.stations!.length).toBeGreaterThan(1000)

    const reportFile = path.join(dir, 'report.json')
    const dry = await runCli([file, '--dry-run', '--report', reportFile, '--source', '西湖区'], env)
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('Dry run: nothing was written.')
    const report = ImportReportSchema.parse(JSON.parse(fs.readFileSync(reportFile, 'utf8')))
    expect(report.counts).toEqual({
      read: 42,
      add: 40,
      update: 0,
      unchanged: 0,
      remove: 0,
      rejected: 2,
      duplicates: 1,
      warnings: 0,
    })
    expect(report.rejected.map((r) => [r.row, r.column])).toEqual([
      [41, 'lon'],
      [42, 'sourceRef'],
    ])
    expect(report.batchId).toBeNull()
    expect(dumpSqlite(db)).toEqual(before)

    const real = await runCli([file, '--source', '西湖区'], env)
    expect(real.code).toBe(0)
    const batchId = /Committed as import batch (\S+) /.exec(real.stdout)?.[1]
    expect(batchId).toBeDefined()
    expect(real.stderr).toMatch(/writing 40 records in one transaction/)
    const imported = dumpSqlite(db)
    expect(imported.stations!.length).toBe(before.stations!.length + 40)

    const again = await runCli([file, '--source', '西湖区', '--report', reportFile], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Nothing to write')
    const second = ImportReportSchema.parse(JSON.parse(fs.readFileSync(reportFile, 'utf8')))
    expect(second.counts).toMatchObject({ add: 0, update: 0, unchanged: 40, remove: 0 })
    expect(dumpSqlite(db)).toEqual(imported)

    const list = await runCli(['--list'], env)
    expect(list.stdout).toMatch(new RegExp(`^${batchId} .* stations merge "西湖区"  add 40 `))
    const undo = await runCli(['--rollback', batchId!], env)
    expect(undo.code).toBe(0)
    const after = dumpSqlite(db)
    const records = ({
      meta: _m,
      import_batches: _b,
      import_batch_records: _r,
      audit_log: _a,
      sqlite_sequence: _s,
      ...rest
    }: typeof after) => rest
    expect(records(after)).toEqual(records(before))
    expect(after.import_batches).toHaveLength(1) // kept, marked rolled back
    // The log keeps both the import and its rollback, by whom.
    const log = after.audit_log as { action: string; actor: string; batch_id: string }[]
    expect(log.map((e) => [e.action, e.actor, e.batch_id])).toEqual([
      ['import', 'command line', batchId],
      ['rollback', 'command line', batchId],
    ])
    const twice = await runCli(['--rollback', batchId!], env)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/was rolled back at/)
  })

  it('imports parks a kiosk then stands at, and rolls them back exactly', SLOW, async () => {
    const dir = tempDir()
    const env = { WAYSTATION_DATA_DIR: path.join(dir, 'data') }
    const db = path.join(env.WAYSTATION_DATA_DIR, 'waystation.sqlite')
    const points = truthPoints(loadCounties(), 30, 21)
    const table = [[...PARK_HEADER], ...points.map((p, i) => parkRow(p, i))]
    table.push(parkRow(points[0]!, 30, { 屏幕朝向: '西偏北' })) // row 32: refused
    const file = path.join(dir, '物流园.csv')
    fs.writeFileSync(file, csvBytes(table, { encoding: 'gbk' }))
    await runCli(['--list'], env) // creates the database, with the sample parks
    const before = dumpSqlite(db)
    expect(before.parks!.length).toBeGreaterThan(10)

    const real = await runCli([file, '--layer', 'parks', '--source', '省物流协会'], env)
    expect(real.code).toBe(0)
    expect(real.stdout).toMatch(/Import of parks, mode merge, source "省物流协会"/)
    expect(real.stdout).toMatch(/row 32, column 屏幕朝向, "西偏北" is not a direction/)
    const batchId = /Committed as import batch (\S+) /.exec(real.stdout)?.[1]
    expect(batchId).toBeDefined()
    const list = await runCli(['--list'], env)
    expect(list.stdout).toMatch(new RegExp(`^${batchId} .* parks merge "省物流协会"  add 30 `))

    // A kiosk at an imported park: the API answers it, with its facing and where it came from.
    const store = await SqliteStore.open(db)
    try {
      const parks = await store.listParks()
      const imported = parks.filter((p) => p.importBatch === batchId)
      expect(imported).toHaveLength(30)
      const park = imported.find((p) => p.sourceRef === 'WL-0007')!
      const res = await createApp(store).request(`/api/parks/${park.id}`)
      expect(res.status).toBe(200)
      const feature = ParkFeatureSchema.parse(await res.json())
      expect(feature.properties).toMatchObject({
        name: `${points[7]!.county}第7物流园`,
        adcode: points[7]!.adcode,
        facingDeg: (7 * 37) % 360,
        sample: false,
        source: '省物流协会',
        sourceRef: 'WL-0007',
        importBatch: batchId,
      })
      expect(distanceM(feature.geometry.coordinates, points[7]!.lonLat)).toBeLessThan(0.5)
    } finally {
      await store.close()
    }

    const again = await runCli([file, '--layer', 'parks', '--source', '省物流协会'], env)
    expect(again.stdout).toContain('Nothing to write')
    const undo = await runCli(['--rollback', batchId!], env)
    expect(undo.code).toBe(0)
    const after = dumpSqlite(db)
    expect(after.parks).toEqual(before.parks)
    expect(after.stations).toEqual(before.stations)
  })

  it('refuses a file it cannot take at all, changing nothing (exit 1)', SLOW, async () => {
    const dir = tempDir()
    const env = { WAYSTATION_DATA_DIR: path.join(dir, 'data'), WAYSTATION_SEED: 'none' }
    const db = path.join(env.WAYSTATION_DATA_DIR, 'waystation.sqlite')
    await runCli(['--list'], env)
    const before = dumpSqlite(db)
    const allBad = writeFile(dir, 'bad.jsonl', [
      stationLine(1, { lon: 200 }),
      stationLine(2, { name: '' }),
    ])
    const notJson = writeFile(dir, 'broken.jsonl', [stationLine(1), '{"name": "半行'])
    const empty = writeFile(dir, 'empty.jsonl', [])
    const [bad, broken, none] = await Promise.all([
      runCli([allBad], env),
      runCli([notJson], env),
      runCli([empty], env),
    ])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/Refused: no row could be imported/)
    expect(broken.code).toBe(1)
    expect(broken.stderr).toMatch(/Refused, nothing written: broken\.jsonl: line 2 is not JSON/)
    expect(none.code).toBe(1)
    expect(none.stderr).toMatch(/Refused, nothing written: empty\.jsonl: /)
    expect(dumpSqlite(db)).toEqual(before)
  })

  it('leaves the database exactly as it was when killed during the write', SLOW, async () => {
    const dir = tempDir()
    const env = { WAYSTATION_DATA_DIR: path.join(dir, 'data'), WAYSTATION_SEED: 'none' }
    const db = path.join(env.WAYSTATION_DATA_DIR, 'waystation.sqlite')
    await runCli(['--list'], env)
    const before = dumpSqlite(db)
    const file = writeFile(
      dir,
      'big.jsonl',
      Array.from({ length: 60_000 }, (_, i) => stationLine(i)),
    )
    const run = spawnCli([file], env)
    // The progress line comes just before the transaction; the WAL growing past its size then
    // shows the write is under way (pages of the open transaction spill into it).
    const wal = `${db}-wal`
    let walAtStart = -1
    for (;;) {
      if (run.child.exitCode !== null) throw new Error(`finished before the kill:\n${run.stderr()}`)
      if (walAtStart < 0 && /writing \d+ records/.test(run.stderr())) {
        walAtStart = fs.existsSync(wal) ? fs.statSync(wal).size : 0
      }
      if (walAtStart >= 0 && fs.existsSync(wal) && fs.statSync(wal).size > walAtStart) break
      await new Promise((r) => setTimeout(r, 5))
    }
    run.child.kill('SIGKILL')
    expect(await run.exited).toBeNull()
    expect(run.stdout()).not.toContain('Committed')
    expect(dumpSqlite(db)).toEqual(before)
  })
})
