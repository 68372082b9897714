import { createRoute, z } from '@hono/zod-openapi'
import { ClassExportQuerySchema, StationExportQuerySchema } from '../domain/queries.ts'
import { toWallDate } from '../domain/opening-hours.ts'
import type { Store } from '../db/store.ts'
import { keysetPages } from '../db/keyset-pages.ts'
import { createRouter } from './env.ts'
import { problemResponses } from './responses.ts'
import { pointFeature } from './nearby-fields.ts'
import { CLASS_COLUMNS, csvLine, rowValues, STATION_COLUMNS, UTF8_BOM } from './export-cells.ts'
import { XLSX_MEDIA_TYPE, xlsxStream } from './export-xlsx.ts'

/**
 * Whole layers, filtered as their list or search is, as CSV, GeoJSON and XLSX files. Records
 * are read a page at a time with a turn of the event loop between pages, so exporting 150,000
 * stations never holds other requests up for long. The file streams out as it is written
 * (app.ts: streamedAnswers tags it by data version and gzips it on the way), read only as fast
 * as the client takes it.
 */

/** Records per page: encoding one takes a few milliseconds. */
const PAGE = 500

const FORMATS = {
  csv: { mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8' },
  geojson: {
    mediaType: 'application/geo+json',
    contentType: 'application/geo+json; charset=utf-8',
  },
  xlsx: { mediaType: XLSX_MEDIA_TYPE, contentType: XLSX_MEDIA_TYPE },
} as const
type Format = keyof typeof FORMATS

export const EXPORT_PATHS = (['stations', 'classes'] as const).flatMap((layer) =>
  Object.keys(FORMATS).map((format) => `/api/${layer}.${format}`),
)

async function* csvParts<T extends object>(columns: readonly (keyof T)[], all: AsyncIterable<T[]>) {
  yield UTF8_BOM + csvLine(columns.map(String))
  for await (const records of all) yield records.map((r) => csvLine(rowValues(r, columns))).join('')
}

/** A FeatureCollection of Points whose properties are the records' fields, as the API has them. */
async function* geojsonParts<T extends { id: string; lon: number; lat: number }>(
  all: AsyncIterable<T[]>,
) {
  yield '{"type":"FeatureCollection","features":['
  let separator = ''
  for await (const records of all) {
    if (records.length === 0) continue
    yield separator + records.map((r) => JSON.stringify(pointFeature(r, {}))).join(',')
    separator = ','
  }
  yield ']}\n'
}

/** UTF-8 bytes of each part, produced as the reader asks for them. */
function textStream(parts: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = parts[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await it.next()
      if (done) controller.close()
      else controller.enqueue(encoder.encode(value))
    },
    async cancel() {
      await it.return?.()
    },
  })
}

function body<T extends { id: string; lon: number; lat: number }>(
  format: Format,
  sheet: string,
  columns: readonly (keyof T & string)[],
  all: AsyncIterable<T[]>,
): ReadableStream<Uint8Array> {
  if (format === 'csv') return textStream(csvParts(columns, all))
  if (format === 'geojson') return textStream(geojsonParts(all))
  return xlsxStream(sheet, columns, all)
}

const exportRoute = <Q extends z.ZodObject>(
  layer: 'stations' | 'classes',
  format: Format,
  query: Q,
  summary: string,
) =>
  createRoute({
    method: 'get',
    path: `/api/${layer}.${format}`,
    summary,
    description:
      'Columns (and GeoJSON properties) are the record fields, so a file re-imports as it is. ' +
      'Lists are joined with `;`, null is an empty cell; text starting with `=`, `+`, `-`, `@`, ' +
      "tab or CR gets a leading `'` (formula injection); numbers stay numbers. CSV is UTF-8 " +
      'with a byte order mark and CRLF line ends.',
    request: { query },
    responses: {
      200: {
        description: `${layer} as ${format}`,
        content: { [FORMATS[format].mediaType]: { schema: z.string() } },
      },
      ...problemResponses,
    },
  })

/** `waystation-stations[-adcode]-YYYYMMDD.csv`, dated in Shanghai. */
function attachment(layer: string, format: Format, adcode: string | undefined, now: Date) {
  const day = toWallDate(now)
  const date = [day.getFullYear(), day.getMonth() + 1, day.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('')
  const name = ['waystation', layer, adcode, date].filter(Boolean).join('-')
  return {
    'content-type': FORMATS[format].contentType,
    'content-disposition': `attachment; filename="${name}.${format}"`,
  }
}

const stationPages = (store: Store, q: z.output<typeof StationExportQuerySchema>) =>
  keysetPages((afterId) =>
    store
      .listStations({ ...q, limit: PAGE, afterId })
      .then((p) => ({ records: p.stations, lastId: p.lastId })),
  )

const classPages = (store: Store, q: z.output<typeof ClassExportQuerySchema>) =>
  keysetPages((afterId) =>
    store
      .listClasses({ ...q, limit: PAGE, afterId })
      .then((p) => ({ records: p.classes, lastId: p.lastId })),
  )

export const exportsApi = createRouter()
for (const format of Object.keys(FORMATS) as Format[]) {
  exportsApi.openapi(
    exportRoute(
      'stations',
      format,
      StationExportQuerySchema,
      `Every station the list's filters select, as ${format}`,
    ),
    (c) => {
      const query = c.req.valid('query')
      const all = stationPages(c.var.store, query)
      return c.body(
        body(format, 'stations', STATION_COLUMNS, all),
        200,
        attachment('stations', format, query.adcode, c.var.now),
      )
    },
  )
  exportsApi.openapi(
    exportRoute(
      'classes',
      format,
      ClassExportQuerySchema,
      `Every childcare class the filters select, wherever it is, as ${format}`,
    ),
    (c) => {
      const query = c.req.valid('query')
      const all = classPages(c.var.store, query)
      return c.body(
        body(format, 'classes', CLASS_COLUMNS, all),
        200,
        attachment('classes', format, query.adcode, c.var.now),
      )
    },
  )
}
