import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { ROOT } from '../../e2e/harness.ts'
import type { StationDraft } from '../../../server/import/register.ts'

export interface CliRun {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/**
 * `npm run import -- ...args` (or another CLI's `script`) as a child process, with `env` over
 * this process's environment.
 */
export function spawnCli(
  args: readonly string[],
  env: Record<string, string>,
  script = 'server/cli/import.ts',
): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d) => (out += String(d)))
  child.stderr?.on('data', (d) => (err += String(d)))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return { child, stdout: () => out, stderr: () => err, exited }
}

export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  script?: string,
) {
  const run = spawnCli(args, env, script)
  const code = await run.exited
  return { code, stdout: run.stdout(), stderr: run.stderr() }
}

/** A line of our JSON lines format: a station in 西湖区 (inside the shipped county), i-th of a grid. */
export function stationLine(i: number, over: Partial<StationDraft> = {}): string {
  const record: Omit<StationDraft, 'id' | 'adcode' | 'source' | 'sample'> = {
    name: `登记驿站${i}号`,
    kind: 'outdoor_worker_station',
    tier: 'point',
    host: 'community_centre',
    address: `西湖区登记路${i}号`,
    lon: 120.06 + (i % 300) * 0.0006,
    lat: 30.2 + Math.floor(i / 300) * 0.0006,
    amenities: ['drinking_water', 'toilet'],
    openingHours: 'Mo-Su 08:00-20:00',
    phone: null,
    status: 'active',
    verifiedOn: null,
    sourceRef: `XH-${i}`,
    hostName: null,
    hoursText: null,
    ...over,
  }
  return JSON.stringify(record)
}
