import { describe, expect, it } from 'vitest'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { readFacingDeg } from '../../../server/import/park-values.ts'
import { readRegister } from '../../../server/import/read-register.ts'
import type { RegisterFile } from '../../../server/import/register.ts'
import {
  csvBytes,
  loadCounties,
  PARK_HEADER,
  parkRow,
  readOptions,
  truthPoints,
  xlsxBytes,
  type Cell,
} from './fixtures.ts'

// Logistics parks read like stations: Chinese headers, GCJ-02 points declared in the header,
// the county from the point; and the screen's facing, which must be read or the row refused.

const counties = loadCounties()
const points = truthPoints(counties, 40, 15)
const rows: Cell[][] = [[...PARK_HEADER], ...points.map((p, i) => parkRow(p, i))]
const read = (files: RegisterFile[]) => readRegister(files, readOptions('parks'), counties)

describe('readFacingDeg', () => {
  it.each([
    ['0', 0],
    ['90', 90],
    ['359', 359],
    ['360', 0],
    ['180°', 180],
    ['270度', 270],
    ['45.4', 45],
    ['359.6', 0],
    ['１３５', 135],
    ['北', 0],
    ['朝东', 90],
    ['正南', 180],
    ['面向西北', 315],
    ['东南方向', 135],
    ['向西', 270],
  ])('reads %s as %i°', (text, deg) => {
    expect(readFacingDeg(text)).toBe(deg)
  })

  it.each(['', '361', '-10', '720', 'east', '东偏北', '上', '90,180', '九十度'])(
    'refuses "%s"',
    (text) => {
      expect(readFacingDeg(text)).toBeNull()
    },
  )
})

describe('readRegister: parks', () => {
  /** Every draft within 0.5 m of its WGS-84 truth, in its county, facing as written. */
  function expectTruth(drafts: Awaited<ReturnType<typeof read>>['drafts'], firstRow: number) {
    expect(drafts).toHaveLength(points.length)
    drafts.forEach(({ at, record }, i) => {
      expect(at.row).toBe(firstRow + i)
      expect(distanceM([record.lon, record.lat], points[i]!.lonLat)).toBeLessThan(0.5)
      expect(record.adcode).toBe(points[i]!.adcode)
      expect(record.facingDeg).toBe((i * 37) % 360)
    })
  }

  it('reads a CSV with Chinese headers and GCJ-02 points into real parks', async () => {
    const result = await read([{ name: '物流园.csv', bytes: csvBytes(rows, { bom: true }) }])
    expect(result.rejected).toEqual([])
    expect(result.warnings).toEqual([])
    expectTruth(result.drafts, 2)
    expect(result.files[0]!.columns.map((c) => c.field)).toEqual([
      'sourceRef',
      'name',
      'county',
      'address',
      'lon',
      'lat',
      'facingDeg',
    ])
    expect(result.drafts[0]!.record).toEqual({
      id: null,
      name: `${points[0]!.county}第0物流园`,
      address: `${points[0]!.county}物流大道0号`,
      adcode: points[0]!.adcode,
      lon: result.drafts[0]!.record.lon,
      lat: result.drafts[0]!.record.lat,
      facingDeg: 0,
      sample: false,
      source: '测试区总工会',
      sourceRef: 'WL-0000',
    })
  })

  it('reads an XLSX below a title row, with 朝向 as numbers and words', async () => {
    const header = ['园区编号', '名称', '详细地址', '经度', '纬度', '朝向', '坐标系']
    const data: Cell[][] = points.map((p, i) => {
      const [, , , , lon = null, lat = null, facing = null] = parkRow(p, i)
      return [`WL-${i}`, `园区${i}`, '物流大道', lon, lat, facing, '高德']
    })
    data[1]![5] = '朝东北' // 37° is not a compass point; row 1 faces 45° instead
    const bytes = await xlsxBytes([header, ...data], { titleRow: '物流园区名单' })
    const result = await read([{ name: '物流园.xlsx', bytes }])
    expect(result.rejected).toEqual([])
    expect(result.drafts.map((d) => d.record.facingDeg).slice(0, 3)).toEqual([0, 45, 74])
    expect(result.drafts.map((d) => d.at.row).slice(0, 2)).toEqual([3, 4])
    result.drafts.forEach(({ record }, i) => {
      expect(distanceM([record.lon, record.lat], points[i]!.lonLat)).toBeLessThan(0.5)
      expect(record.adcode).toBe(points[i]!.adcode)
    })
  })

  it('refuses a row whose facing cannot be read, naming its row and column', async () => {
    const bad = (i: number, facing: Cell) => parkRow(points[i]!, i, { 屏幕朝向: facing })
    const table = [[...PARK_HEADER], bad(0, '400'), bad(1, ''), bad(2, '看情况'), bad(3, 90)]
    const result = await read([{ name: '园区.csv', bytes: csvBytes(table) }])
    expect(result.rejected).toEqual([
      {
        at: { file: '园区.csv', row: 2 },
        column: '屏幕朝向',
        reason: expect.stringMatching(/^"400" is not a direction: degrees from north, 0–360/),
        code: 'not_direction',
        params: { text: '400' },
      },
      {
        at: { file: '园区.csv', row: 3 },
        column: '屏幕朝向',
        reason: 'is empty',
        code: 'empty',
        params: {},
      },
      {
        at: { file: '园区.csv', row: 4 },
        column: '屏幕朝向',
        reason: expect.stringContaining('"看情况" is not a direction'),
        code: 'not_direction',
        params: { text: '看情况' },
      },
    ])
    expect(result.drafts.map((d) => d.record.facingDeg)).toEqual([90])
  })

  it('refuses every row of a file without a facing column, and reports unknown columns', async () => {
    const table = [
      ['园区名称', '经度', '纬度', '主办单位'],
      ['某物流园', ...points[0]!.lonLat.map(String), '某公司'],
    ]
    const result = await read([{ name: '无朝向.csv', bytes: csvBytes(table) }])
    expect(result.drafts).toEqual([])
    expect(result.rejected).toEqual([
      {
        at: { file: '无朝向.csv', row: 2 },
        column: null,
        reason: 'no facingDeg column',
        code: 'no_column',
        params: { field: 'facingDeg' },
      },
    ])
    expect(result.files[0]!.columns.at(-1)).toEqual({ header: '主办单位', field: null })
  })
})
