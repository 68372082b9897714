import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ImportRefusedError } from '../db/store.ts'
import type { ImportBatch } from '../domain/import-report.ts'
import { CRS_NAMES } from '../domain/crs.ts'
import { IMPORT_LAYERS, IMPORT_MODES, RegisterFileError } from '../import/register.ts'
import type { RegisterFile } from '../import/register.ts'
import { renderReport } from '../import/render-report.ts'
import { runImport } from '../import/run-import.ts'
import { CLI_ACTOR } from '../auth/actors.ts'
import { readSettings, SettingsError } from '../settings.ts'
import { openCliStore } from './open-cli-store.ts'

// `npm run import`: a union's register files into the database under WAYSTATION_DATA_DIR (made
// and seeded when new, as the server does), or a batch rolled back, or the batches listed.
// Exit 0: done; 1: refused (bad file, nothing importable, rollback not allowed); 2: usage.

const MAX_ROWS = 500_000
const LIST_LIMIT = 1_000

const USAGE = `Usage:
  npm run import -- FILE [FILE...] [options]   import register files (CSV, XLSX, GeoJSON, JSON lines)
  npm run import -- --rollback BATCH           undo an import batch (the newest of its layer)
  npm run import -- --list                     list import batches, newest first

Options:
  --layer stations|classes|parks
                              what the files hold (default stations)
  --crs wgs84|gcj02|bd09      the coordinates' system (default: what the file says, else wgs84)
  --encoding NAME             CSV text encoding, e.g. gb18030 (default: detected)
  --sheet NAME                XLSX sheet (default: the first)
  --map map.json              extra header → field names, e.g. {"站点编码": "sourceRef"}
  --mode merge|replace-county|replace-all
                              merge (default) adds and updates; replace-county also removes what
                              the files' counties hold and the files do not; replace-all removes
                              everything else in the layer
  --source NAME               the register's name, kept on every record (default: first file's name)
  --dry-run                   report what would happen; change nothing
  --report FILE               also write the report as JSON
  --max-rows N                refuse files with more rows than this, all together (default ${MAX_ROWS})
  --help                      this text

The database is WAYSTATION_DATA_DIR/waystation.sqlite (default var/); a new one is created with the
counties and, unless WAYSTATION_SEED=none, the sample records.
Exit status: 0 done, 1 refused (nothing written), 2 bad arguments.`

class UsageError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]) {
  if (value === undefined) return undefined
  const found = allowed.find((a) => a === value)
  if (!found) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`)
  return found
}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      layer: { type: 'string' },
      crs: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
      map: { type: 'string' },
      mode: { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      'max-rows': { type: 'string' },
      rollback: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  const importOptions = Object.keys(values).filter((k) => !['rollback', 'list', 'help'].includes(k))
  if (values.rollback !== undefined || values.list) {
    const other = [...importOptions.map((k) => `--${k}`), ...positionals]
    if (values.rollback !== undefined && values.list) other.push('--list')
    if (other.length > 0) {
      throw new UsageError(
        `--${values.list ? 'list' : 'rollback'} takes nothing else (${other.join(' ')})`,
      )
    }
  } else if (!values.help && positionals.length === 0) {
    throw new UsageError('name at least one file to import')
  }
  const maxRows = values['max-rows'] === undefined ? MAX_ROWS : Number(values['max-rows'])
  if (!/^\d+$/.test(values['max-rows'] ?? '0') || !Number.isSafeInteger(maxRows) || maxRows < 1) {
    throw new UsageError(`--max-rows must be a positive integer, got "${values['max-rows']}"`)
  }
  return {
    values,
    files: positionals,
    layer: oneOf('layer', values.layer, IMPORT_LAYERS) ?? 'stations',
    crs: oneOf('crs', values.crs, CRS_NAMES),
    mode: oneOf('mode', values.mode, IMPORT_MODES) ?? 'merge',
    maxRows,
  }
}

function readFiles(names: readonly string[]): RegisterFile[] {
  return names.map((name) => {
    try {
      return { name: path.basename(name), bytes: fs.readFileSync(name) }
    } catch (err) {
      throw new UsageError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? err}`)
    }
  })
}

function readMap(file: string | undefined): Record<string, string> | undefined {
  if (file === undefined) return undefined
  let map: unknown
  try {
    map = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new UsageError(`--map ${file}: ${err instanceof Error ? err.message : String(err)}`)
  }
  const ok =
    typeof map === 'object' &&
    map !== null &&
    !Array.isArray(map) &&
    Object.values(map).every((v) => typeof v === 'string')
  if (!ok) throw new UsageError(`--map ${file} must be a JSON object of header → field name`)
  return map as Record<string, string>
}

function listLine(b: ImportBatch): string {
  const c = b.counts
  const state = b.rolledBackAt === null ? '' : `  rolled back ${b.rolledBackAt}`
  return (
    `${b.id}  ${b.createdAt}  ${b.layer} ${b.mode} "${b.source}"  ` +
    `add ${c.add} update ${c.update} remove ${c.remove} (${b.files.map((f) => f.name).join(', ')})${state}`
  )
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>
  try {
    args = parse(argv)
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`)
    return 2
  }
  const { values } = args
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const files = values.rollback === undefined && !values.list ? readFiles(args.files) : []
  const columnMap = readMap(values.map)

  const settings = readSettings(process.env)
  const store = await openCliStore(settings)
  try {
    if (values.list) {
      const batches = await store.listImportBatches()
      console.log(batches.length === 0 ? 'No import batches.' : batches.map(listLine).join('\n'))
      return 0
    }
    if (values.rollback !== undefined) {
      const batch = await store.rollbackImport(values.rollback, CLI_ACTOR)
      console.log(`Rolled back import batch ${batch.id} (${batch.layer}, "${batch.source}").`)
      return 0
    }
    const report = await runImport(store, files, {
      layer: args.layer,
      crs: args.crs,
      encoding: values.encoding,
      sheet: values.sheet,
      columnMap,
      source: values.source ?? files[0]!.name,
      maxRows: args.maxRows,
      mode: args.mode,
      dryRun: values['dry-run'] ?? false,
      listLimit: LIST_LIMIT,
      actor: CLI_ACTOR,
      onProgress: (message) => console.error(message),
    })
    if (values.report !== undefined) {
      fs.writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`)
    }
    console.log(renderReport(report))
    return report.refused === null ? 0 : 1
  } catch (err) {
    if (err instanceof RegisterFileError || err instanceof ImportRefusedError) {
      console.error(`Refused, nothing written: ${err.message}`)
      return 1
    }
    throw err
  } finally {
    await store.close()
  }
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (err) {
  // Bad arguments or settings: 2, as the server exits on a bad setting; anything else: 1.
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`)
  else console.error(err instanceof Error ? err.message : String(err))
  process.exitCode = err instanceof UsageError || err instanceof SettingsError ? 2 : 1
}
