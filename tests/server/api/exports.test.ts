import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import type { Station } from '../../../server/domain/station.ts'
import type { ChildcareClass } from '../../../server/domain/childcare-class.ts'
import {
  CLASS_COLUMNS,
  cellValue,
  neutralise,
  STATION_COLUMNS,
} from '../../../server/api/export-cells.ts'

// Exports through the real app over a real SQLite file: read back with the parsers a user's
// tools would use (csv-parse, exceljs), compared with the store's records and the list endpoint.

const data = makeDataset(300, 80)
/** A real record whose text would trip a spreadsheet or a naive CSV writer. */
const REAL: Station = {
  ...data.stations[0]!,
  id: 'zj-real-001',
  name: '=HYPERLINK("http://x","点我")',
  address: '杭州市西湖区文三路 "478" 号,\r\n华星科技大厦一楼',
  lon: 120.1,
  lat: 30.25,
  adcode: '330106',
  amenities: ['drinking_water', 'fridge', 'toilet'],
  openingHours: null,
  hoursText: '-工作日 8:30—17:30（节假日除外）',
  phone: '+86 571 8888 0000',
  hostName: '@西湖区总工会',
  verifiedOn: null,
  sample: false,
  source: '西湖区总工会驿站台账\t2026',
  sourceRef: 'XH-001',
  importBatch: 'b-20261130-1',
}
data.stations.push(REAL)

let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

const fetchBytes = async (url: string, headers: Record<string, string> = {}) => {
  const res = await t.app.request(url, { headers })
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

async function firstSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(bytes).buffer)
  expect(workbook.worksheets).toHaveLength(1)
  return workbook.worksheets[0]!
}

/** Undoes the apostrophe an export put before formula-like text: what an importer does. */
const unneutralise = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text)

/** A record's field as the file spells it (see cellValue), before neutralisation. */
function spelled(value: unknown): string {
  if (value === null) return ''
  if (Array.isArray(value)) return value.join(';')
  return String(value)
}

/** Station ids the list endpoint gives for a query, following every page. */
async function listedIds(query: string): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const q = [query, 'limit=1000', cursor && `cursor=${encodeURIComponent(cursor)}`]
    const { status, body } = await t.get(`/api/stations?${q.filter(Boolean).join('&')}`)
    expect(status).toBe(200)
    ids.push(...(body.features as { id: string }[]).map((f) => f.id))
    cursor = body.nextCursor as string | null
  } while (cursor !== null)
  return ids
}

describe('formula neutralisation (OWASP CSV injection)', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 571 8888 0000', "'+86 571 8888 0000"],
    ['-8:00', "'-8:00"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=b', 'a=b'],
    ['西湖=好', '西湖=好'],
    [' =1', ' =1'],
    ['', ''],
  ])('%j → %j', (text, cell) => {
    expect(neutralise(text)).toBe(cell)
    expect(cellValue(text)).toBe(cell)
  })

  it.each([
    [-120.25, -120.25],
    [0, 0],
    [30.5, 30.5],
    [null, ''],
    [true, 'true'],
    [false, 'false'],
    [['drinking_water', 'toilet'], 'drinking_water;toilet'],
    [['-x'], "'-x"],
  ])('%j is the cell %j: numbers stay numbers', (value, cell) => {
    expect(cellValue(value)).toStrictEqual(cell)
  })
})

describe('GET /api/stations.csv', () => {
  it('round-trips every station through a CSV parser: UTF-8 BOM, CRLF, Chinese intact', async () => {
    const { res, bytes } = await fetchBytes('/api/stations.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expectFileName(res, 'waystation-stations-{day}.csv')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8')
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${STATION_COLUMNS.join(',')}`)
    expect(text.endsWith('\r\n')).toBe(true)
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[]
    const byId = new Map(data.stations.map((s) => [s.id, s]))
    expect(rows.map((r) => r.id).sort()).toEqual([...byId.keys()].sort())
    for (const row of rows) {
      const station = byId.get(row.id!)!
      for (const column of STATION_COLUMNS) {
        expect(unneutralise(row[column]!), `${row.id} ${column}`).toBe(spelled(station[column]))
      }
    }
    const real = rows.find((r) => r.id === REAL.id)!
    expect(real.name).toBe(`'${REAL.name}`)
    expect(real.address).toBe(REAL.address)
    expect(real.hostName).toBe(`'${REAL.hostName}`)
    expect(real.phone).toBe(`'${REAL.phone}`)
    expect(real.openingHours).toBe('')
    expect(real.amenities).toBe('drinking_water;fridge;toilet')
    expect(real.sample).toBe('false')
  })

  it('writes numbers as plain numbers, unquoted', async () => {
    const { bytes } = await fetchBytes(`/api/stations.csv?q=${encodeURIComponent('478')}`)
    const rows = parse(bytes, { bom: true, cast: true, columns: true }) as Record<string, unknown>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]!.lon).toBe(120.1)
    expect(rows[0]!.lat).toBe(30.25)
  })

  it.each([
    '',
    'adcode=330106',
    'kind=trucker_home&amenities=toilet,wifi',
    'bbox=120.1,30.22,120.2,30.27',
    `q=${encodeURIComponent('驿站12')}`,
    'amenities=fridge',
    `adcode=330102&q=${encodeURIComponent('测试')}&amenities=microwave`,
  ])('exports what the list endpoint lists for ?%s', async (query) => {
    const { bytes } = await fetchBytes(`/api/stations.csv?${query}`)
    const rows = parse(bytes, { bom: true, columns: true }) as { id: string }[]
    const listed = await listedIds(query)
    expect(listed.length).toBeGreaterThan(0)
    expect(rows.map((r) => r.id)).toEqual(listed)
  })

  it('names the county in the file name when filtered by one', async () => {
    const { res } = await fetchBytes('/api/stations.csv?adcode=330106')
    expectFileName(res, 'waystation-stations-330106-{day}.csv')
  })

  it('is gzipped for clients that accept it, with an ETag that a revisit gets a 304 for', async () => {
    const plain = await fetchBytes('/api/stations.csv?adcode=330102')
    const { res, bytes } = await fetchBytes('/api/stations.csv?adcode=330102', {
      'accept-encoding': 'gzip',
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(bytes).equals(plain.bytes)).toBe(true)
    const etag = res.headers.get('etag')!
    const again = await t.app.request('/api/stations.csv?adcode=330102', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
  })
})

describe('GET /api/stations.geojson', () => {
  it('is a FeatureCollection whose properties are the records', async () => {
    const { res, bytes } = await fetchBytes('/api/stations.geojson?adcode=330106')
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8')
    const fc = JSON.parse(bytes.toString('utf8')) as {
      type: string
      features: { id: string; geometry: { coordinates: number[] }; properties: object }[]
    }
    expect(fc.type).toBe('FeatureCollection')
    const expected = data.stations
      .filter((s) => s.adcode === '330106')
      .sort((a, b) => (a.id < b.id ? -1 : 1))
    expect(fc.features.map((f) => f.id)).toEqual(expected.map((s) => s.id))
    for (const [i, f] of fc.features.entries()) {
      const { lon, lat, ...properties } = expected[i]!
      expect(f.geometry.coordinates).toEqual([lon, lat])
      expect(f.properties).toEqual(properties)
    }
  })

  it('is an empty FeatureCollection when nothing matches', async () => {
    const { res, bytes } = await fetchBytes('/api/stations.geojson?q=nothing-like-this')
    expect(res.status).toBe(200)
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ type: 'FeatureCollection', features: [] })
  })
})

describe('GET /api/stations.xlsx', () => {
  it('reads back in exceljs as numbers and strings, with no formula anywhere', async () => {
    const { res, bytes } = await fetchBytes('/api/stations.xlsx', { 'accept-encoding': 'gzip' })
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    // Already a zip: sent as it is.
    expect(res.headers.get('content-encoding')).toBeNull()
    expectFileName(res, 'waystation-stations-{day}.xlsx')
    const sheet = await firstSheet(bytes)
    expect(sheet.rowCount).toBe(data.stations.length + 1)
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(STATION_COLUMNS)
    const byId = new Map(data.stations.map((s) => [s.id, s]))
    sheet.eachRow((row, n) => {
      if (n === 1) return
      const values = (row.values as unknown[]).slice(1)
      const station = byId.get(values[0] as string)!
      row.eachCell({ includeEmpty: true }, (cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
      })
      STATION_COLUMNS.forEach((column, i) => {
        const value = values[i]
        const field = station[column]
        if (typeof field === 'number') expect(value, column).toBe(field)
        // XML reads every line end as LF, as Excel's own line breaks in a cell are.
        else
          expect(unneutralise((value as string | undefined) ?? ''), column).toBe(
            spelled(field).replaceAll('\r\n', '\n'),
          )
      })
    })
    const realRow = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((r) => r.getCell(1).value === REAL.id)!
    expect(realRow.getCell(STATION_COLUMNS.indexOf('name') + 1).value).toBe(`'${REAL.name}`)
    expect(realRow.getCell(STATION_COLUMNS.indexOf('hoursText') + 1).value).toBe(
      `'${REAL.hoursText}`,
    )
  })
})

describe('GET /api/classes.csv|.geojson|.xlsx', () => {
  /** Class ids the nearby search finds anywhere in an area, nearest first: sorted here. */
  async function nearbyIds(query: string): Promise<string[]> {
    const { status, body } = await t.get(
      `/api/classes/nearby?lat=30.25&lon=120.15&limit=200&${query}`,
    )
    expect(status).toBe(200)
    return (body.features as { id: string }[]).map((f) => f.id).sort()
  }

  it.each([
    'adcode=330106',
    'adcode=330100',
    'adcode=330102&age=5',
    'adcode=330100&hasSeats=true',
    'adcode=330106&date=2026-07-05',
  ])('exports what the class search finds for ?%s', async (query) => {
    const { res, bytes } = await fetchBytes(`/api/classes.csv?${query}`)
    expect(res.status).toBe(200)
    const rows = parse(bytes, { bom: true, columns: true }) as { id: string }[]
    const found = await nearbyIds(query)
    expect(found.length).toBeGreaterThan(0)
    expect(rows.map((r) => r.id)).toEqual(found)
  })

  it('round-trips every class through CSV, GeoJSON and XLSX', async () => {
    const classes: ChildcareClass[] = data.classes
    const byId = new Map(classes.map((c) => [c.id, c]))
    const csv = parse((await fetchBytes('/api/classes.csv')).bytes, {
      bom: true,
      columns: true,
    }) as Record<string, string>[]
    expect(csv).toHaveLength(data.classes.length)
    for (const row of csv) {
      const klass = byId.get(row.id!)!
      for (const column of CLASS_COLUMNS) {
        expect(unneutralise(row[column]!), column).toBe(spelled(klass[column]))
      }
    }
    const fc = JSON.parse((await fetchBytes('/api/classes.geojson')).bytes.toString('utf8')) as {
      features: { id: string; geometry: { coordinates: number[] }; properties: object }[]
    }
    expect(fc.features).toHaveLength(classes.length)
    for (const f of fc.features) {
      const { lon, lat, ...properties } = byId.get(f.id)!
      expect(f.geometry.coordinates).toEqual([lon, lat])
      expect(f.properties).toEqual(properties)
    }
    const sheet = await firstSheet((await fetchBytes('/api/classes.xlsx')).bytes)
    expect(sheet.rowCount).toBe(data.classes.length + 1)
    const first = (sheet.getRow(2).values as unknown[]).slice(1)
    const klass = byId.get(first[0] as string)!
    expect(first[CLASS_COLUMNS.indexOf('capacity')]).toBe(klass.capacity)
    expect(first[CLASS_COLUMNS.indexOf('feeCny')]).toBe(klass.feeCny)
    expect(first[CLASS_COLUMNS.indexOf('contactName')]).toBe(klass.contactName)
  })
})

describe('bad parameters', () => {
  it.each([
    ['/api/stations.csv?bbox=120,30', 'bbox'],
    ['/api/stations.xlsx?amenities=teleport', 'amenities'],
    ['/api/stations.geojson?kind=', 'kind'],
    ['/api/stations.csv?limit=10', 'limit'],
    ['/api/stations.csv?cursor=abc', 'cursor'],
    ['/api/stations.csv?adcode=33010', 'adcode'],
    ['/api/classes.csv?age=x', 'age'],
    ['/api/classes.xlsx?date=2026-02-30', 'date'],
    ['/api/classes.geojson?hasSeats=yes', 'hasSeats'],
    ['/api/classes.csv?amenities=toilet', 'amenities'],
  ])('%s is a 400 naming %s', async (url, parameter) => {
    const { status, type, body } = await t.get(url)
    expect(status).toBe(400)
    expect(type).toContain('application/problem+json')
    expect(body.parameter).toBe(parameter)
  })
})

/** Today in Shanghai (UTC+8, no daylight saving) as YYYYMMDD. */
const shanghaiDay = (ms: number) =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '')

/** The attachment is named `name` with {day} the Shanghai date of the request. */
function expectFileName(res: Response, name: string) {
  // A test running across midnight may see either day.
  const days = new Set([shanghaiDay(Date.now() - 60_000), shanghaiDay(Date.now())])
  const header = res.headers.get('content-disposition')
  expect([...days].map((d) => `attachment; filename="${name.replace('{day}', d)}"`)).toContain(
    header,
  )
}
