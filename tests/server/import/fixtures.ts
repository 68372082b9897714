import fs from 'node:fs'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { CountyCollectionSchema, type CountyFeature } from '../../../server/domain/county.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { wgs84ToBd09, wgs84ToGcj02 } from '../../../server/geo/crs.ts'
import type { CrsName } from '../../../server/domain/crs.ts'
import { geometryBBox, pointInGeometry, type AreaGeometry } from '../../../server/geo/polygon.ts'
import type { ReadOptions } from '../../../server/import/register.ts'
import { seededRandom } from '../geo/seeded-random.ts'

/**
 * Register files built in the tests, the way unions' tools write them, for the reader, the
 * import engine and the API alike. A table is rows of cells, the header first.
 */
export type Cell = string | number | Date | null
export type Rows = readonly (readonly Cell[])[]

/** The 89 real county polygons the server ships. */
export function loadCounties(): CountyFeature[] {
  const text = fs.readFileSync(new URL('../../../data/counties.geojson', import.meta.url), 'utf8')
  return CountyCollectionSchema.parse(JSON.parse(text)).features
}

export interface TruthPoint {
  /** WGS-84, the truth. */
  lonLat: LonLat
  adcode: string
  county: string
}

/** Seeded random WGS-84 points inside real counties, spread over all of them in turn. */
export function truthPoints(
  counties: readonly CountyFeature[],
  count: number,
  seed = 13,
): TruthPoint[] {
  const random = seededRandom(seed)
  const points: TruthPoint[] = []
  for (let i = 0; points.length < count; i++) {
    const county = counties[i % counties.length]!
    const geometry = county.geometry as AreaGeometry
    const [w, s, e, n] = geometryBBox(geometry)
    for (;;) {
      const p: LonLat = [w + random() * (e - w), s + random() * (n - s)]
      if (pointInGeometry(p, geometry)) {
        points.push({ lonLat: p, adcode: county.properties.adcode, county: county.properties.name })
        break
      }
    }
  }
  return points
}

/** A WGS-84 point as a register in `crs` writes it. */
export function inCrs(lonLat: LonLat, crs: CrsName): LonLat {
  return crs === 'gcj02' ? wgs84ToGcj02(lonLat) : crs === 'bd09' ? wgs84ToBd09(lonLat) : lonLat
}

export function readOptions<L extends ReadOptions['layer']>(
  layer: L,
  extra: Partial<Omit<ReadOptions, 'layer'>> = {},
): ReadOptions & { layer: L } {
  return { source: '测试区总工会', maxRows: 100_000, ...extra, layer }
}

function cellText(cell: Cell): string {
  if (cell === null) return ''
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)
}

/** CSV text: cells quoted when they hold a quote, delimiter or line break. */
export function csvText(rows: Rows, { delimiter = ',', eol = '\r\n' } = {}): string {
  const quote = (cell: Cell) => {
    const t = cellText(cell)
    return /["\r\n]/.test(t) || t.includes(delimiter) ? `"${t.replaceAll('"', '""')}"` : t
  }
  return rows.map((row) => row.map(quote).join(delimiter)).join(eol) + eol
}

/** CSV bytes in UTF-8 (with a BOM if asked) or an iconv-lite encoding such as gbk. */
export function csvBytes(
  rows: Rows,
  {
    encoding = 'utf-8',
    bom = false,
    delimiter = ',',
  }: { encoding?: string; bom?: boolean; delimiter?: string } = {},
): Uint8Array {
  const text = (bom ? '\uFEFF' : '') + csvText(rows, { delimiter })
  return encoding === 'utf-8'
    ? new TextEncoder().encode(text)
    : new Uint8Array(iconv.encode(text, encoding))
}

/**
 * An XLSX workbook written by exceljs: the rows on the first sheet (Date cells as date cells),
 * optionally a title row above them, another sheet after it, or a formula at an address.
 */
export async function xlsxBytes(
  rows: Rows,
  {
    sheet = 'Sheet1',
    titleRow,
    formulaAt,
    otherSheet,
  }: {
    sheet?: string
    titleRow?: string
    formulaAt?: string
    otherSheet?: { name: string; rows: Rows }
  } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const add = (name: string, data: Rows, title?: string) => {
    const ws = workbook.addWorksheet(name)
    if (title !== undefined) ws.addRow([title])
    for (const row of data) ws.addRow([...row])
    ws.eachRow((r) => r.eachCell((c) => c.value instanceof Date && (c.numFmt = 'yyyy/m/d')))
    return ws
  }
  const ws = add(sheet, rows, titleRow)
  if (formulaAt !== undefined) ws.getCell(formulaAt).value = { formula: 'SUM(1,2)', result: 3 }
  if (otherSheet) add(otherSheet.name, otherSheet.rows)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** A GeoJSON FeatureCollection of points with these properties. */
export function geojsonBytes(
  features: readonly { lonLat: LonLat; properties: object }[],
): Uint8Array {
  const collection = {
    type: 'FeatureCollection',
    features: features.map(({ lonLat, properties }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: lonLat },
      properties,
    })),
  }
  return new TextEncoder().encode(JSON.stringify(collection))
}

/** JSON lines: one record per line. */
export function jsonlBytes(records: readonly object[]): Uint8Array {
  return new TextEncoder().encode(records.map((r) => JSON.stringify(r)).join('\n') + '\n')
}

/** Bytes joined, as two files concatenated. */
export function joinBytes(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts))
}

export const STATION_HEADER = [
  '编号',
  '站点名称',
  '所属区县',
  '详细地址',
  '经度',
  '纬度',
  '坐标系',
  '开放时间',
  '服务项目',
  '联系电话',
  '站点类型',
  '依托单位',
  '状态',
  '核实日期',
] as const

/** A station register row in STATION_HEADER's order, at a truth point written in `crs`. */
export function stationRow(
  p: TruthPoint,
  i: number,
  crs: CrsName,
  over: Partial<Record<(typeof STATION_HEADER)[number], Cell>> = {},
): Cell[] {
  const [lon, lat] = inCrs(p.lonLat, crs)
  const row: Record<(typeof STATION_HEADER)[number], Cell> = {
    编号: `ZJ-${String(i).padStart(5, '0')}`,
    站点名称: `${p.county}第${i}爱心驿站`,
    所属区县: p.county,
    详细地址: `${p.county}测试路${i}号`,
    经度: lon.toFixed(7),
    纬度: lat.toFixed(7),
    坐标系: { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: '百度' }[crs],
    开放时间: '8:00-18:00',
    服务项目: '饮用水、热水，微波炉;卫生间 手机充电',
    联系电话: '0571-88880000',
    站点类型: '爱心驿站',
    依托单位: '中国工商银行杭州分行',
    状态: '正常',
    核实日期: '2025/3/1',
    ...over,
  }
  return STATION_HEADER.map((h) => row[h])
}

export const PARK_HEADER = [
  '编号',
  '园区名称',
  '所属区县',
  '地址',
  '经度（高德）',
  '纬度（高德）',
  '屏幕朝向',
] as const

/** A park register row in PARK_HEADER's order, at a truth point written in GCJ-02. */
export function parkRow(
  p: TruthPoint,
  i: number,
  over: Partial<Record<(typeof PARK_HEADER)[number], Cell>> = {},
): Cell[] {
  const [lon, lat] = inCrs(p.lonLat, 'gcj02')
  const row: Record<(typeof PARK_HEADER)[number], Cell> = {
    编号: `WL-${String(i).padStart(4, '0')}`,
    园区名称: `${p.county}第${i}物流园`,
    所属区县: p.county,
    地址: `${p.county}物流大道${i}号`,
    '经度（高德）': lon.toFixed(7),
    '纬度（高德）': lat.toFixed(7),
    屏幕朝向: (i * 37) % 360,
    ...over,
  }
  return PARK_HEADER.map((h) => row[h])
}
