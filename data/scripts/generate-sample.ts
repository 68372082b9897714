/**
 * Writes generated sample stations, childcare classes and logistics parks (every record
 * `sample: true`).
 *
 *   npm run data:sample -- --seed 42 --stations 6000 --classes 1400 --out data/sample
 *
 * Reads county outlines and census facts from data/counties.geojson; writes stations.json,
 * classes.json and parks.json (one park per ~60,000 residents) into --out, one record per
 * line, each file replaced atomically.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CountyCollectionSchema } from '../../server/domain/county.ts'
import { generateSample } from './sample/generate-sample.ts'
import type { SampleCounty } from './sample/generate-sample.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export const DEFAULTS = { seed: 20260701, stations: 6000, classes: 1400, out: 'data/sample' }

const USAGE = `usage: npm run data:sample -- [--seed N] [--stations N] [--classes N] [--out DIR]
                                  [--counties FILE]
  --seed      integer seed (default ${DEFAULTS.seed})
  --stations  number of stations (default ${DEFAULTS.stations})
  --classes   number of childcare classes (default ${DEFAULTS.classes})
  --out       output folder, relative to the working directory (default ${DEFAULTS.out})
  --counties  county GeoJSON with facts (default data/counties.geojson)`

export class UsageError extends Error {}

export interface CliOptions {
  help: boolean
  seed: number
  stations: number
  classes: number
  out: string
  counties: string
}

export function parseCliArgs(args: string[]): CliOptions {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        stations: { type: 'string' },
        classes: { type: 'string' },
        out: { type: 'string' },
        counties: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  return {
    help: values.help ?? false,
    seed: integer('--seed', values.seed, DEFAULTS.seed, true),
    stations: integer('--stations', values.stations, DEFAULTS.stations, false),
    classes: integer('--classes', values.classes, DEFAULTS.classes, false),
    out: values.out ?? DEFAULTS.out,
    counties: values.counties ?? join(ROOT, 'data/counties.geojson'),
  }
}

function integer(flag: string, raw: string | undefined, fallback: number, signed: boolean) {
  if (raw === undefined) return fallback
  const pattern = signed ? /^-?\d+$/ : /^\d+$/
  const n = Number(raw)
  if (!pattern.test(raw.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${flag} expects a ${signed ? '' : 'non-negative '}integer, got '${raw}'`)
  }
  return n
}

/** `[` + one record per line + `]`: valid JSON that diffs line by line. */
export function formatRecords(records: readonly unknown[]): string {
  if (records.length === 0) return '[]\n'
  return `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

export function main(args: string[]): number {
  let options: CliOptions
  try {
    options = parseCliArgs(args)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`generate-sample: ${e.message}\n`)
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const countiesPath = resolve(options.counties)
  const collection = CountyCollectionSchema.parse(JSON.parse(readFileSync(countiesPath, 'utf8')))
  const started = performance.now()
  const { stations, classes, parks } = generateSample({
    seed: options.seed,
    stations: options.stations,
    classes: options.classes,
    counties: collection.features as SampleCounty[],
  })
  const outDir = resolve(options.out)
  mkdirSync(outDir, { recursive: true })
  writeAtomically(join(outDir, 'stations.json'), formatRecords(stations))
  writeAtomically(join(outDir, 'classes.json'), formatRecords(classes))
  writeAtomically(join(outDir, 'parks.json'), formatRecords(parks))
  const ms = Math.round(performance.now() - started)
  process.stdout.write(
    `wrote ${stations.length} stations, ${classes.length} classes and ${parks.length} parks ` +
      `(seed ${options.seed}) ` +
      `to ${outDir} in ${ms} ms\n`,
  )
  return 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
