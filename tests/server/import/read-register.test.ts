import { describe, expect, it } from 'vitest'
import type { CrsName } from '../../../server/domain/crs.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { readRegister } from '../../../server/import/read-register.ts'
import type { RegisterFile } from '../../../server/import/register.ts'
import {
  csvBytes,
  geojsonBytes,
  inCrs,
  jsonlBytes,
  loadCounties,
  readOptions,
  STATION_HEADER,
  stationRow,
  truthPoints,
  xlsxBytes,
  type Cell,
} from './fixtures.ts'
import { reasonText } from '../../../server/domain/import-reasons.ts'

const counties = loadCounties()
const points = truthPoints(counties, 120)
const CRSES: CrsName[] = ['wgs84', 'gcj02', 'bd09']
/** Rows in all three systems, each declared in the 坐标系 column. */
const rows: Cell[][] = [
  [...STATION_HEADER],
  ...points.map((p, i) => stationRow(p, i, CRSES[i % 3]!)),
]

const read = (files: RegisterFile[], extra = {}) =>
  readRegister(files, readOptions('stations', extra), counties)

/** Every draft back within 0.5 m of its WGS-84 truth, in its true county, in row order. */
function expectTruth(drafts: Awaited<ReturnType<typeof read>>['drafts'], firstRow = 2) {
  expect(drafts).toHaveLength(points.length)
  drafts.forEach(({ at, record }, i) => {
    const truth = points[i]!
    expect(at.row).toBe(firstRow + i)
    expect(distanceM([record.lon, record.lat], truth.lonLat)).toBeLessThan(0.5)
    expect(record.adcode).toBe(truth.adcode)
  })
}

describe('readRegister: formats and encodings', () => {
  it.each([
    ['UTF-8', { encoding: 'utf-8' }],
    ['UTF-8 with a BOM', { encoding: 'utf-8', bom: true }],
    ['GBK', { encoding: 'gbk' }],
    ['GB18030', { encoding: 'gb18030' }],
  ])('reads a CSV in %s with Chinese headers and mixed coordinate systems', async (_, how) => {
    const read1 = await read([{ name: '驿站.csv', bytes: csvBytes(rows, how) }])
    expect(read1.rejected).toEqual([])
    expect(read1.warnings).toEqual([])
    expectTruth(read1.drafts)
    expect(read1.files[0]).toMatchObject({
      name: '驿站.csv',
      format: 'csv',
      encoding: how.encoding === 'utf-8' ? 'utf-8' : 'gb18030',
      rows: points.length,
    })
    expect(read1.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(read1.files[0]!.columns.every((c) => c.field !== null)).toBe(true)
  })

  it('reads every field of a station row', async () => {
    const { drafts } = await read([{ name: 'a.csv', bytes: csvBytes(rows.slice(0, 2)) }])
    expect(drafts[0]!.record).toEqual({
      id: null,
      name: `${points[0]!.county}第0爱心驿站`,
      kind: 'outdoor_worker_station',
      tier: 'station',
      host: 'bank_branch',
      hostName: '中国工商银行杭州分行',
      address: `${points[0]!.county}测试路0号`,
      adcode: points[0]!.adcode,
      lon: drafts[0]!.record.lon,
      lat: drafts[0]!.record.lat,
      amenities: ['drinking_water', 'hot_water', 'microwave', 'toilet', 'phone_charging'],
      openingHours: '8:00-18:00',
      hoursText: null,
      phone: '0571-88880000',
      status: 'active',
      verifiedOn: '2025-03-01',
      sample: false,
      source: '测试区总工会',
      sourceRef: 'ZJ-00000',
      access: null,
      accessNote: null,
    })
  })

  it('reads 进入方式 as a way in, keeping what else it says as the note, and warns on the rest', async () => {
    const cells: [string, string][] = [
      ['刷脸进入', ''],
      ['密码锁，密码请电话询问', ''],
      ['请联系工作人员', '夜间请按门铃'],
      ['凭工会会员卡进入', ''],
      ['', ''],
      ['扫码进入', '超长'.repeat(60)],
    ]
    const table = [
      [...STATION_HEADER, '进入方式', '进入说明'],
      ...cells.map(([access, note], i) => [...stationRow(points[i]!, i, 'wgs84'), access, note]),
    ]
    const { drafts, warnings } = await read([{ name: 'a.csv', bytes: csvBytes(table) }])
    expect(drafts.map((d) => [d.record.access, d.record.accessNote])).toEqual([
      ['face_scan', null],
      ['code_lock', '密码锁，密码请电话询问'],
      ['ask_staff', '夜间请按门铃'],
      [null, '凭工会会员卡进入'],
      [null, null],
      ['app_scan', `${'超长'.repeat(49)}超…`],
    ])
    expect(warnings.map((w) => [w.at.row, w.kind, w.column])).toEqual([
      [5, 'access_text', '进入方式'],
      [7, 'access_text', '进入说明'],
    ])
  })

  it('honours a given encoding over detection', async () => {
    const bytes = csvBytes(rows, { encoding: 'gbk' })
    const { files, drafts } = await read([{ name: 'a.csv', bytes }], { encoding: 'gbk' })
    expect(files[0]!.encoding).toBe('gbk')
    expect(drafts[0]!.record.name).toBe(`${points[0]!.county}第0爱心驿站`)
  })

  it('reads the first sheet of an XLSX, below a title row, with date cells', async () => {
    const dated = rows.map((r, i) =>
      i === 0 ? r : r.map((c, j) => (j === 13 ? new Date(Date.UTC(2025, 2, 1)) : c)),
    )
    const bytes = await xlsxBytes(dated, {
      titleRow: '测试市爱心驿站名单',
      otherSheet: { name: '说明', rows: [['说明', '无']] },
    })
    const result = await read([{ name: '驿站.xlsx', bytes }])
    expect(result.rejected).toEqual([])
    expectTruth(result.drafts, 3) // the title is row 1, the header row 2
    expect(result.files[0]).toMatchObject({ format: 'xlsx', sheet: 'Sheet1', encoding: null })
    expect(result.drafts[0]!.record.verifiedOn).toBe('2025-03-01')
  })

  it('reads the sheet asked for', async () => {
    const bytes = await xlsxBytes([['说明', '无']], { otherSheet: { name: '站点', rows } })
    const result = await read([{ name: 'x.xlsx', bytes }], { sheet: '站点' })
    expectTruth(result.drafts)
    expect(result.files[0]!.sheet).toBe('站点')
  })

  it('reads GeoJSON as WGS-84 unless told otherwise', async () => {
    const features = (crs: CrsName) =>
      points.map((p, i) => ({
        lonLat: inCrs(p.lonLat, crs),
        properties: { name: `站点${i}`, 服务项目: ['饮水', '热水'] },
      }))
    const plain = await read([{ name: 'a.geojson', bytes: geojsonBytes(features('wgs84')) }])
    expectTruth(plain.drafts, 1)
    expect(plain.drafts[0]!.record.amenities).toEqual(['drinking_water', 'hot_water'])
    const gcj = await read([{ name: 'a.geojson', bytes: geojsonBytes(features('gcj02')) }], {
      crs: 'gcj02',
    })
    expectTruth(gcj.drafts, 1)
    expect(gcj.files[0]!.format).toBe('geojson')
  })

  it('reads our own JSON lines, keeping our id', async () => {
    const records = points.map((p, i) => ({
      id: `st-${i}`,
      name: `站点${i}`,
      lon: p.lonLat[0],
      lat: p.lonLat[1],
      amenities: ['toilet', 'wifi'],
      openingHours: 'Mo-Fr 08:00-17:00',
      kind: 'trucker_home',
      tier: 'centre',
      host: 'service_area',
      status: 'suspended',
      sample: true,
      importBatch: 'b-1',
    }))
    const result = await read([{ name: 'a.jsonl', bytes: jsonlBytes(records) }])
    expectTruth(result.drafts, 1)
    expect(result.drafts[0]!.record).toMatchObject({
      id: 'st-0',
      amenities: ['toilet', 'wifi'],
      openingHours: 'Mo-Fr 08:00-17:00',
      kind: 'trucker_home',
      tier: 'centre',
      host: 'service_area',
      status: 'suspended',
      sample: false,
    })
    expect(result.files[0]!.columns.find((c) => c.header === 'importBatch')!.field).toBe(
      'importBatch',
    )
  })

  it('takes options.crs over what the file declares', async () => {
    const gcj = [
      [...STATION_HEADER],
      ...points.map((p, i) => stationRow(p, i, 'gcj02', { 坐标系: 'WGS-84' })),
    ]
    const { drafts } = await read([{ name: 'a.csv', bytes: csvBytes(gcj) }], { crs: 'gcj02' })
    expectTruth(drafts)
  })

  it('reads a coordinate system named in the lon/lat headers, and one lon,lat cell', async () => {
    const header = ['名称', '坐标（百度）']
    const data = points.map((p, i) => [
      `站点${i}`,
      inCrs(p.lonLat, 'bd09')
        .map((v) => v.toFixed(8))
        .join(','),
    ])
    const { drafts } = await read([{ name: 'a.csv', bytes: csvBytes([header, ...data]) }])
    expectTruth(drafts)
  })

  it('reads files together, numbering rows in each file', async () => {
    const half = points.length / 2
    const a = csvBytes(rows.slice(0, half + 1))
    const b = csvBytes([rows[0]!, ...rows.slice(half + 1)], { encoding: 'gbk' })
    const result = await read([
      { name: 'a.csv', bytes: a },
      { name: 'b.csv', bytes: b },
    ])
    expect(result.drafts).toHaveLength(points.length)
    expect(result.drafts[half]!.at).toEqual({ file: 'b.csv', row: 2 })
    expect(result.files.map((f) => f.encoding)).toEqual(['utf-8', 'gb18030'])
  })
})

describe('readRegister: rows it refuses or warns about', () => {
  const p = points[0]!
  const bad = (over: Parameters<typeof stationRow>[3]) => stationRow(p, 0, 'wgs84', over)
  const [lon, lat] = [p.lonLat[0].toFixed(6), p.lonLat[1].toFixed(6)]
  const table: Cell[][] = [
    [...STATION_HEADER],
    bad({ 经度: lat, 纬度: lon }), // 2
    bad({ 经度: '' }), // 3
    bad({ 纬度: '北纬三十度' }), // 4
    bad({ 经度: '100.5', 纬度: '40.1' }), // 5
    bad({ 站点名称: '' }), // 6
    bad({ 联系电话: '=HYPERLINK("http://x")' }), // 7
    bad({ 详细地址: '-cmd|calc' }), // 8
    bad({ 坐标系: '北京54' }), // 9
    bad({}), // 10: taken
    bad({ 开放时间: '看值班人员安排' }), // 11: hours kept as text (no converter can read this)
    bad({ 服务项目: '饮水、按摩椅、心理咨询' }), // 12: unknown services
    bad({ 所属区县: '淳安县' }), // 13: county mismatch (unless the point is there)
    bad({ 站点类型: '流动站', 状态: '不知道' }), // 14: unknown words, defaults
    bad({ 联系电话: '+86 571 8888 0000' }), // 15: a phone, not a formula
  ]
  const result = read([{ name: '有问题.csv', bytes: csvBytes(table) }])

  it('rejects rows naming the row, the column and the reason', async () => {
    const { rejected } = await result
    const at = (row: number) => rejected.find((r) => r.at.row === row)
    expect(at(2)).toEqual({
      at: { file: '有问题.csv', row: 2 },
      column: '纬度',
      reason: 'longitude and latitude look swapped',
      code: 'swapped',
      params: {},
    })
    expect(at(3)).toMatchObject({ column: '经度', reason: 'is empty', code: 'empty' })
    expect(at(4)).toMatchObject({
      column: '纬度',
      reason: '"北纬三十度" is not a number',
      code: 'not_number',
      params: { text: '北纬三十度' },
    })
    expect(at(5)).toMatchObject({
      column: '纬度',
      reason: expect.stringContaining('outside every county'),
    })
    expect(at(6)).toMatchObject({ column: '站点名称', reason: 'is empty' })
    expect(at(7)).toMatchObject({
      column: '联系电话',
      reason: expect.stringContaining('looks like a spreadsheet formula'),
    })
    expect(at(8)).toMatchObject({
      column: '详细地址',
      reason: expect.stringContaining('looks like a spreadsheet formula'),
    })
    expect(at(9)).toMatchObject({
      column: '坐标系',
      reason: expect.stringContaining('not a coordinate system'),
      code: 'unknown_crs',
      params: { text: '北京54' },
    })
    expect(rejected.map((r) => r.at.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9])
    // The English sentence is its code's, with its parameters.
    for (const r of rejected) expect(r.reason).toBe(reasonText(r))
  })

  it('takes the other rows, warning where it could not take a value as written', async () => {
    const { drafts, warnings } = await result
    expect(drafts.map((d) => d.at.row)).toEqual([10, 11, 12, 13, 14, 15])
    const hours = drafts.find((d) => d.at.row === 11)!.record
    expect(hours.openingHours).toBeNull()
    expect(hours.hoursText).toBe('看值班人员安排')
    expect(drafts.find((d) => d.at.row === 12)!.record.amenities).toEqual(['drinking_water'])
    expect(drafts.find((d) => d.at.row === 14)!.record).toMatchObject({
      kind: 'outdoor_worker_station',
      status: 'active',
    })
    expect(drafts.find((d) => d.at.row === 15)!.record.phone).toBe('+86 571 8888 0000')
    const kinds = warnings.map((w) => [w.at.row, w.kind, w.column])
    expect(kinds).toEqual([
      [11, 'hours_text', '开放时间'],
      [12, 'unknown_service', '服务项目'],
      ...(p.county === '淳安县' ? [] : [[13, 'county_mismatch', '所属区县']]),
      [14, 'unknown_value', '站点类型'],
      [14, 'unknown_value', '状态'],
    ])
    for (const w of warnings) expect(w.reason).toBe(reasonText(w))
    expect(warnings.find((w) => w.kind === 'unknown_service')).toMatchObject({
      reason: expect.stringContaining('按摩椅、心理咨询'),
      code: 'unknown_services',
      params: { list: '按摩椅、心理咨询' },
    })
  })

  it('reports unknown columns and never drops them silently', async () => {
    const table2 = [
      [...STATION_HEADER, '备注'],
      [...stationRow(p, 0, 'wgs84'), '门口有台阶'],
    ]
    const { files, drafts } = await read([{ name: 'a.csv', bytes: csvBytes(table2) }])
    expect(files[0]!.columns.at(-1)).toEqual({ header: '备注', field: null })
    expect(drafts).toHaveLength(1)
  })

  it('refuses a row with more cells than the header (an unquoted comma)', async () => {
    const text = `名称,经度,纬度\n站点,${lon},${lat}\n站点,二号,${lon},${lat}\n`
    const { rejected, drafts } = await read([
      { name: 'a.csv', bytes: new TextEncoder().encode(text) },
    ])
    expect(drafts).toHaveLength(1)
    expect(rejected).toEqual([
      {
        at: { file: 'a.csv', row: 3 },
        column: null,
        reason: expect.stringContaining('4 cells'),
        code: 'cells_beyond_header',
        params: { cells: 4, width: 3 },
      },
    ])
  })

  it('maps other headers with the column map', async () => {
    const text = `站点全称,东经,北纬\n站点,${lon},${lat}\n`
    const { drafts, files } = await read(
      [{ name: 'a.csv', bytes: new TextEncoder().encode(text) }],
      {
        columnMap: { 站点全称: 'name', 东经: 'lon', 北纬: 'lat' },
      },
    )
    expect(drafts[0]!.record).toMatchObject({ name: '站点', adcode: p.adcode })
    expect(files[0]!.columns.map((c) => c.field)).toEqual(['name', 'lon', 'lat'])
  })
})

describe('readRegister: childcare classes', () => {
  const p = points[1]!
  const [lon, lat] = inCrs(p.lonLat, 'gcj02').map((v) => v.toFixed(8))
  const header = [
    '托班名称',
    '主办单位',
    '地址',
    '经度',
    '纬度',
    '招收年龄',
    '开班时间',
    '托管时间',
    '招收人数',
    '已报名',
    '收费',
    '联系人',
    '联系电话',
  ]
  const row = (over: Record<string, string> = {}) => {
    const base: Record<string, string> = {
      托班名称: '测试街道暑期爱心托班',
      主办单位: '测试区总工会',
      地址: '测试路1号',
      经度: lon!,
      纬度: lat!,
      招收年龄: '6至12周岁',
      开班时间: '2025年7月7日至8月15日',
      托管时间: '8:00-17:00',
      招收人数: '30人',
      已报名: '',
      收费: '免费',
      联系人: '王老师',
      联系电话: '13800000000',
      ...over,
    }
    return header.map((h) => base[h]!)
  }
  const readClasses = (table: string[][], name = '托班.csv') =>
    readRegister(
      [{ name, bytes: csvBytes(table) }],
      readOptions('classes', { crs: 'gcj02' }),
      counties,
    )

  it('reads a class row', async () => {
    const { drafts, rejected } = await readClasses(
      [header, row(), row({ 开班时间: '7.7-8.15', 收费: '300元' })],
      '2026年托班.csv',
    )
    expect(rejected).toEqual([])
    const record = drafts[0]!.record
    expect(record).toMatchObject({
      id: null,
      name: '测试街道暑期爱心托班',
      host: 'union_office',
      adcode: p.adcode,
      ageMin: 6,
      ageMax: 12,
      termStart: '2025-07-07',
      termEnd: '2025-08-15',
      schedule: '8:00-17:00', // already valid opening_hours: kept as written
      capacity: 30,
      enrolled: 0,
      feeCny: 0,
      contactName: '王老师',
      contactPhone: '13800000000',
      sample: false,
      source: '测试区总工会',
    })
    expect(distanceM([record.lon, record.lat], p.lonLat)).toBeLessThan(0.5)
    // The year of a term written without one comes from the file's name.
    expect(drafts[1]!.record).toMatchObject({
      termStart: '2026-07-07',
      termEnd: '2026-08-15',
      feeCny: 300,
    })
  })

  it('refuses what a parent decides by when it cannot be read', async () => {
    const { rejected } = await readClasses([
      header,
      row({ 开班时间: '7.7-8.15' }), // 2: no year anywhere
      row({ 招收年龄: '小学生' }), // 3
      row({ 托管时间: '看情况' }), // 4
      row({ 招收人数: '若干' }), // 5
      row({ 收费: '面议' }), // 6
      row({ 开班时间: '2025年8月15日至7月7日' }), // 7
    ])
    expect(rejected.map((r) => [r.at.row, r.column])).toEqual([
      [2, '开班时间'],
      [3, '招收年龄'],
      [4, '托管时间'],
      [5, '招收人数'],
      [6, '收费'],
      [7, '开班时间'],
    ])
    expect(rejected[0]!.reason).toContain('no year')
  })

  it('takes the year from a 年份 column', async () => {
    const table = [
      [...header, '年份'],
      [...row({ 开班时间: '7月7日-8月15日' }), '2027年'],
    ]
    const { drafts } = await readClasses(table)
    expect(drafts[0]!.record).toMatchObject({ termStart: '2027-07-07', termEnd: '2027-08-15' })
  })
})
