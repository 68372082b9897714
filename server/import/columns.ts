import type { CrsName } from '../domain/crs.ts'
import { crsFromText } from './coordinates.ts'
import type { ImportLayer } from './register.ts'
import { TableError } from './table.ts'

/**
 * Which field each column of a register holds. Headers are compared after NFKC (full-width
 * letters and digits become ASCII), lower-casing and dropping blanks and the `*` that marks a
 * required column; a bracketed tail is dropped too, and when it names a coordinate system
 * (经度（高德）, lng(BD-09)) that is the file's declaration.
 */

/** Fields every layer reads; county is the county the file names, crs a per-row 坐标系. */
const PLACE = {
  id: [],
  sourceRef: ['编号', 'id', '站点编号', '驿站编号', '托班编号', 'sourceref'],
  name: ['名称', '站点名称', '驿站名称', '站名', '服务站名称', '点位名称', '托班名称', '班级名称'],
  address: ['地址', '详细地址', '站点地址', '具体地址', '所在位置', '位置', '托班地址', '办班地址'],
  lon: ['经度', 'lng', 'lon', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  coordinates: ['坐标', '经纬度', '经纬度坐标', 'coordinates'],
  crs: ['坐标系', '坐标系统', '坐标类型', 'crs'],
  county: [
    '所属区县',
    '区县',
    '所在区县',
    '县区',
    '区(县、市)',
    '县(市、区)',
    'adcode',
    '行政区划代码',
  ],
  // Written by our own exports and set by the importer itself, so read as nothing.
  sample: ['sample'],
  source: ['source'],
  importBatch: ['importbatch'],
  serial: ['序号'],
} as const

/** Stations and classes also name who hosts them. */
const COMMON = {
  ...PLACE,
  host: ['host'],
  hostName: ['主办单位', '依托单位', '建设单位', '承办单位', '所属单位', 'hostname'],
} as const

const STATION = {
  ...COMMON,
  kind: ['类型', '站点类型', '类别', 'kind'],
  tier: ['层级', '级别', 'tier'],
  amenities: ['服务项目', '服务内容', '配套设施', '功能', '服务功能', '设施', 'amenities'],
  openingHours: ['开放时间', '服务时间', '营业时间', 'openinghours', 'opening_hours'],
  hoursText: ['hourstext'],
  phone: ['联系电话', '联系方式', '电话', '服务电话', 'phone'],
  status: ['状态', '运营状态', 'status'],
  verifiedOn: ['核实日期', '更新日期', '核验日期', 'verifiedon'],
  access: ['进入方式', '进门方式', '入站方式', '开门方式', '门禁方式', 'access'],
  accessNote: ['进入说明', '进门说明', '门禁说明', 'accessnote'],
} as const

const CLASS = {
  ...COMMON,
  age: ['年龄', '招收年龄', '年龄段', '招收对象'],
  ageMin: ['agemin', '最小年龄'],
  ageMax: ['agemax', '最大年龄'],
  term: ['开班时间', '班期', '办班时间', '托管日期'],
  termStart: ['termstart', '开班日期', '开始日期'],
  termEnd: ['termend', '结班日期', '结束日期'],
  year: ['年份', '年度'],
  schedule: ['托管时间', '每日时间', 'schedule'],
  capacity: ['招收人数', '名额', '计划招收', 'capacity'],
  enrolled: ['已报名', '报名人数', 'enrolled'],
  feeCny: ['收费', '费用', '收费标准', 'feecny'],
  contactName: ['联系人', 'contactname'],
  contactPhone: ['联系电话', '联系方式', '电话', 'contactphone'],
} as const

const PARK = {
  ...PLACE,
  sourceRef: [...PLACE.sourceRef, '园区编号'],
  name: [...PLACE.name, '园区名称', '物流园名称', '园区', '物流园'],
  address: [...PLACE.address, '园区地址'],
  facingDeg: ['屏幕朝向', '朝向', '屏幕方向', '面向', 'facingdeg', 'facing'],
} as const

export type StationField = keyof typeof STATION
export type ClassField = keyof typeof CLASS
export type ParkField = keyof typeof PARK
export type FieldOf<L extends ImportLayer> = L extends 'stations'
  ? StationField
  : L extends 'classes'
    ? ClassField
    : ParkField

function headerIndex(fields: Readonly<Record<string, readonly string[]>>): Map<string, string> {
  const index = new Map<string, string>()
  for (const [field, headers] of Object.entries(fields)) {
    index.set(normalizeHeader(field), field)
    for (const header of headers) index.set(normalizeHeader(header), field)
  }
  return index
}

const LAYER_FIELDS = { stations: STATION, classes: CLASS, parks: PARK }
const HEADERS: Record<ImportLayer, Map<string, string>> = {
  stations: headerIndex(STATION),
  classes: headerIndex(CLASS),
  parks: headerIndex(PARK),
}

const BRACKETED_TAIL = /[([【][^()[\]【】]*[)\]】]$/

export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s*]/g, '')
}

export interface ColumnMapping<F extends string> {
  /** Each header with its field; null for a column we do not know. */
  columns: { header: string; field: F | null }[]
  /** Column index of each field present. */
  index: Partial<Record<F, number>>
  /** A coordinate system named in the lon/lat/coordinates headers, if any. */
  crs: CrsName | null
}

/**
 * Maps a header row to fields: the column map first (keys compared as headers are), then our
 * field names and the Chinese headers above. Our own `id` is only the exact lower-case `id`
 * our exports write; any other spelling (ID, Id) is a register's own number, a source reference.
 */
export function mapColumns<L extends ImportLayer>(
  header: readonly string[],
  layer: L,
  columnMap: Readonly<Record<string, string>> = {},
): ColumnMapping<FieldOf<L>> {
  const known = HEADERS[layer]
  const fields = new Set(Object.keys(LAYER_FIELDS[layer]))
  const extra = new Map<string, string>()
  for (const [from, to] of Object.entries(columnMap)) {
    if (!fields.has(to)) {
      throw new TableError(
        `the column map sends "${from}" to "${to}", which is not a field of ${layer}`,
      )
    }
    extra.set(normalizeHeader(from), to)
  }
  const mapping: ColumnMapping<FieldOf<L>> = { columns: [], index: {}, crs: null }
  const index = mapping.index as Record<string, number>
  header.forEach((h, i) => {
    const key = normalizeHeader(h)
    const bare = key.replace(BRACKETED_TAIL, '')
    const field = (extra.get(key) ??
      (h.trim() === 'id' ? 'id' : (known.get(key) ?? known.get(bare)))) as FieldOf<L> | undefined
    mapping.columns.push({ header: h, field: field ?? null })
    if (field === undefined) return
    const taken = index[field]
    if (taken !== undefined) {
      throw new TableError(
        `the columns "${header[taken]}" and "${h}" both read as ${field}: map one of them elsewhere`,
      )
    }
    index[field] = i
    if (bare !== key && (field === 'lon' || field === 'lat' || field === 'coordinates')) {
      mapping.crs ??= crsFromText(key.slice(bare.length))
    }
  })
  return mapping
}
