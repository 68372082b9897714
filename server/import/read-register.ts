import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { CountyFeature } from '../domain/county.ts'
import { StationSchema } from '../domain/station.ts'
import { ChildcareClassSchema } from '../domain/childcare-class.ts'
import { pointInGeometry } from '../geo/polygon.ts'
import {
  RegisterFileError,
  type Draft,
  type DraftOf,
  type ImportLayer,
  type ReadOptions,
  type RegisterFile,
  type RegisterRead,
  type RowProblem,
  type RowWarning,
} from './register.ts'

// Reads our own JSON lines format only: one record per line with our field names. The full
// reader (CSV, XLSX, GeoJSON, Chinese headers) replaces this module with the same signature.

/** Fields the importer decides, whatever the line says: imported records are never samples. */
const SET_BY_IMPORT = {
  id: true,
  importBatch: true,
  adcode: true,
  source: true,
  sample: true,
} as const
const DRAFT_SCHEMAS = {
  stations: StationSchema.omit(SET_BY_IMPORT),
  classes: ChildcareClassSchema.omit(SET_BY_IMPORT),
}
const OptionalId = z.string().min(1).nullable().default(null)

export async function readRegister<L extends ImportLayer>(
  files: readonly RegisterFile[],
  options: ReadOptions & { layer: L },
  counties: readonly CountyFeature[],
): Promise<RegisterRead<DraftOf<L>>> {
  const schema = DRAFT_SCHEMAS[options.layer]
  const out: RegisterRead<DraftOf<L>> = { files: [], drafts: [], rejected: [], warnings: [] }
  let total = 0
  for (const file of files) {
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes)
    } catch {
      throw new RegisterFileError(file.name, 'is not UTF-8 text')
    }
    const lines = text.split('\n')
    let rows = 0
    const headers = new Set<string>()
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue
      rows++
      if (++total > options.maxRows) {
        throw new RegisterFileError(file.name, `more than ${options.maxRows} rows`)
      }
      const at = { file: file.name, row: i + 1 }
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        throw new RegisterFileError(file.name, `line ${i + 1} is not JSON`)
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new RegisterFileError(file.name, `line ${i + 1} is not a JSON object`)
      }
      for (const key of Object.keys(value)) headers.add(key)
      const problem = (column: string | null, reason: string): RowProblem => ({
        at,
        column,
        reason,
      })
      const parsed = schema.safeParse(value)
      const id = OptionalId.safeParse((value as { id?: unknown }).id ?? null)
      if (!parsed.success || !id.success) {
        const issue = (parsed.error ?? id.error)!.issues[0]!
        const column = parsed.success ? 'id' : String(issue.path[0] ?? '') || null
        out.rejected.push(problem(column, issue.message))
        continue
      }
      const { lon, lat } = parsed.data
      const county = counties.find((c) => pointInGeometry([lon, lat], c.geometry))
      if (!county) {
        out.rejected.push(problem('lon', 'the point lies outside every county'))
        continue
      }
      const named = (value as { adcode?: unknown }).adcode
      if (named !== undefined && named !== county.properties.adcode) {
        const warning: RowWarning = {
          ...problem('adcode', `the point lies in ${county.properties.adcode}`),
          kind: 'county_mismatch',
        }
        out.warnings.push(warning)
      }
      const record = {
        ...parsed.data,
        id: id.data,
        adcode: county.properties.adcode,
        source: options.source,
        sample: false,
      }
      out.drafts.push({ at, record } as Draft<DraftOf<L>>)
    }
    out.files.push({
      name: file.name,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      format: 'jsonl',
      encoding: null,
      sheet: null,
      rows,
      columns: [...headers].map((header) => ({
        header,
        field: header in schema.shape || header in SET_BY_IMPORT ? header : null,
      })),
    })
  }
  return out
}
