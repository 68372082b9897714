import { z } from 'zod'
import { IMPORT_LAYERS, IMPORT_MODES } from '../import/register.ts'
import { CRS_NAMES } from '../domain/crs.ts'
import { textParam } from './params.ts'
import { booleanParam } from './queries.ts'

/** `POST /api/import`: the CLI's options as query parameters; the files are the body. */
export const ImportQuerySchema = z.object({
  layer: z.enum(IMPORT_LAYERS).default('stations'),
  mode: z
    .enum(IMPORT_MODES)
    .default('merge')
    .describe('merge (upsert), replace-county (the counties the files cover), replace-all'),
  crs: z
    .enum(CRS_NAMES)
    .optional()
    .describe("The coordinates' system; default: what the file declares, else wgs84"),
  dryRun: booleanParam.describe('true: answer the report and change nothing; false: import'),
  source: textParam(200).optional().describe("The register's name (default: the first file's)"),
  encoding: textParam(40).optional().describe('CSV encoding, e.g. gb18030 (default: detected)'),
  sheet: textParam(100).optional().describe('XLSX sheet (default: the first)'),
  filename: textParam(200)
    .optional()
    .describe("A raw (non-multipart) body's file name; its extension tells the format"),
})
export type ImportQuery = z.infer<typeof ImportQuerySchema>
