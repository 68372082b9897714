import { createHash } from 'node:crypto'
import type { CountyFeature } from '../domain/county.ts'
import { readClassRow } from './class-row.ts'
import { mapColumns } from './columns.ts'
import { createCountyLocator } from './county-locator.ts'
import { DRAFT_SCHEMAS } from './draft-schema.ts'
import { createHoursReader } from './hours-cell.ts'
import { readTable, type ReadTable } from './read-table.ts'
import {
  RegisterFileError,
  type DraftOf,
  type FileSummary,
  type ImportLayer,
  type ReadOptions,
  type RegisterFile,
  type RegisterRead,
} from './register.ts'
import { RowReader, RowRejected, type FileContext } from './row-reader.ts'
import { readParkRow } from './park-row.ts'
import { readStationRow } from './station-row.ts'
import { TableError } from './table.ts'

/**
 * Reads union register files into drafts: every data row becomes a draft, a rejected row (with
 * its column and reason) or, beside a draft, warnings. A file that cannot be read at all throws
 * RegisterFileError, and then nothing is taken from any file.
 */
export async function readRegister<L extends ImportLayer>(
  files: readonly RegisterFile[],
  options: ReadOptions & { layer: L },
  counties: readonly CountyFeature[],
): Promise<RegisterRead<DraftOf<L>>> {
  const result: RegisterRead<DraftOf<L>> = { files: [], drafts: [], rejected: [], warnings: [] }
  const locator = createCountyLocator(counties)
  const readHours = createHoursReader()
  const schema = DRAFT_SCHEMAS[options.layer]
  let rowsInAll = 0
  for (const file of files) {
    const table = await asFileError(file, () => readTable(file, options))
    rowsInAll += table.rows.length
    if (rowsInAll > options.maxRows) {
      throw new RegisterFileError(
        file.name,
        `${rowsInAll} data rows in all, more than the ${options.maxRows} one import takes: split the register`,
      )
    }
    const mapping = await asFileError(file, () =>
      mapColumns(table.header, options.layer, options.columnMap),
    )
    result.files.push(summary(file, table, mapping.columns))
    const ctx: FileContext = {
      file: file.name,
      format: table.format,
      header: table.header,
      mapping,
      crs: options.crs,
      locator,
      readHours,
      warnings: result.warnings,
    }
    const fileYear = yearIn(file.name)
    for (const row of table.rows) {
      const at = { file: file.name, row: row.row }
      const warned = result.warnings.length
      try {
        const r = new RowReader(ctx, row)
        const record = ROW_READERS[options.layer](r, options.source, fileYear)
        const parsed = schema.safeParse(record)
        if (parsed.success) {
          result.drafts.push({ at, record: parsed.data as DraftOf<L> })
        } else {
          const issue = parsed.error.issues[0]!
          const field = String(issue.path[0] ?? '')
          r.reject(field as never, 'invalid_field', { field, message: issue.message })
        }
      } catch (e) {
        if (!(e instanceof RowRejected)) throw e
        result.warnings.length = warned // warnings are about rows taken
        const i =
          e.field === null ? undefined : (ctx.mapping.index as Record<string, number>)[e.field]
        result.rejected.push({
          at,
          column: i === undefined ? null : table.header[i]!,
          ...e.reason,
          reason: e.message,
        })
      }
    }
  }
  return result
}

/** Each layer's row to draft; a file's year is the year of class terms written without one. */
const ROW_READERS: {
  [L in ImportLayer]: (r: RowReader, source: string, fileYear: number | null) => DraftOf<L>
} = {
  stations: readStationRow,
  classes: readClassRow,
  parks: readParkRow,
}

/** A TableError from reading a file becomes that file's RegisterFileError. */
async function asFileError<T>(file: RegisterFile, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (e) {
    throw e instanceof TableError ? new RegisterFileError(file.name, e.message) : e
  }
}

function summary(
  file: RegisterFile,
  table: ReadTable,
  columns: FileSummary['columns'],
): FileSummary {
  return {
    name: file.name,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    format: table.format,
    encoding: table.encoding,
    sheet: table.sheet,
    rows: table.rows.length,
    columns,
  }
}

/** A year in the file's name (2025年暑期爱心托班.xlsx): the year of terms written without one. */
function yearIn(name: string): number | null {
  const m = /(?:^|\D)(20\d{2})(?:\D|$)/.exec(name)
  return m ? Number(m[1]) : null
}
