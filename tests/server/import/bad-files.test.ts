import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readRegister } from '../../../server/import/read-register.ts'
import { RegisterFileError, type RegisterFile } from '../../../server/import/register.ts'
import {
  csvBytes,
  csvText,
  joinBytes,
  loadCounties,
  readOptions,
  STATION_HEADER,
  stationRow,
  truthPoints,
  xlsxBytes,
} from './fixtures.ts'

const counties = loadCounties()
const points = truthPoints(counties, 5)
const rows = [[...STATION_HEADER], ...points.map((p, i) => stationRow(p, i, 'wgs84'))]
const utf8 = (text: string) => new TextEncoder().encode(text)

/** The error reading these files throws; fails when none is thrown. */
async function fileError(files: RegisterFile[], extra = {}): Promise<RegisterFileError> {
  try {
    await readRegister(files, readOptions('stations', extra), counties)
  } catch (e) {
    if (e instanceof RegisterFileError) return e
    throw e
  }
  throw new Error('read without a RegisterFileError')
}

describe('readRegister refuses a file it cannot read, naming it and why', () => {
  it.each<[string, () => Promise<Uint8Array> | Uint8Array, RegExp, string?]>([
    [
      'a truncated CSV (a quote never closed)',
      () => utf8(csvText(rows) + '"ZJ-9,半截的站点,上城区'),
      /quoted cell opened in row 7 is never closed/,
    ],
    [
      'neither UTF-8 nor GBK',
      () => new Uint8Array([...utf8('名称,经度\n'), 0x80, 0x00, 0x01, 0xff, 0xfe, 0x0a]),
      /neither UTF-8 nor GBK/,
    ],
    [
      'control bytes that decode as GB18030',
      () => joinBytes(iconv.encode('名称,经度\n', 'gbk'), new Uint8Array([0xb0, 0xa1, 0x07, 0x08])),
      /neither UTF-8 nor GBK/,
    ],
    [
      'an XLSX that is really HTML',
      () => utf8('<html><body><table><tr><td>名称</td></tr></table></body></html>'),
      /an HTML page, not an XLSX workbook/,
      '驿站.xlsx',
    ],
    [
      'an XLSX that is no zip',
      () => utf8('名称,经度,纬度\n'),
      /not an XLSX workbook \(it is not a zip file\)/,
      '驿站.xlsx',
    ],
    [
      'an old binary .xls',
      () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      /old binary \.xls/,
      '驿站.xls',
    ],
    [
      'a broken zip',
      () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      /not a readable XLSX workbook/,
      '驿站.xlsx',
    ],
    ['HTML under a .csv name', () => utf8('<!DOCTYPE html><html></html>'), /HTML or XML page/],
    ['0 data rows', () => csvBytes([rows[0]!]), /0 data rows/],
    ['an empty file', () => new Uint8Array(), /the file is empty/],
    ['only blank lines', () => utf8('\n\n,,\n'), /header row is empty/],
    [
      'a formula in an XLSX cell',
      () => xlsxBytes(rows, { formulaAt: 'C4' }),
      /Sheet1!C4 holds a formula/,
      '驿站.xlsx',
    ],
    [
      'a BOM in the middle (two UTF-8 files joined)',
      () => joinBytes(csvBytes(rows, { bom: true }), csvBytes(rows, { bom: true })),
      /byte-order mark in the middle/,
    ],
    [
      'a UTF-8 file with a BOM joined to a GBK one',
      () => joinBytes(csvBytes(rows, { encoding: 'gbk' }), csvBytes(rows.slice(1), { bom: true })),
      /byte-order mark in the middle|neither UTF-8 nor GBK/,
    ],
    [
      'duplicate headers',
      () =>
        csvBytes([
          [...rows[0]!, '经度'],
          [...rows[1]!, '1'],
        ]),
      /the header "经度" appears twice \(columns 5 and 15\)/,
    ],
    [
      'two headers read as the same field',
      () =>
        csvBytes([
          ['名称', '站点名称', '经度', '纬度'],
          ['a', 'b', '120', '30'],
        ]),
      /"名称" and "站点名称" both read as name/,
    ],
    [
      'truncated JSON lines',
      () => utf8('{"name":"a","lon":120,"lat":30}\n{"name":"b","lo'),
      /line 2 is not JSON/,
    ],
    [
      'truncated GeoJSON',
      () => utf8('{"type":"FeatureCollection","features":[{"type":"Feature"'),
      /not valid JSON/,
    ],
    [
      'a GeoJSON of polygons',
      () =>
        utf8(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } },
            ],
          }),
        ),
      /feature 1 is a Polygon/,
    ],
  ])('%s', async (_, bytes, message, name = '驿站.csv') => {
    const error = await fileError([{ name, bytes: await bytes() }])
    expect(error.file).toBe(name)
    expect(error.message).toMatch(message)
    expect(error.message.startsWith(`${name}: `)).toBe(true)
  })

  it('refuses more rows than maxRows over all files', async () => {
    const file = { name: 'a.csv', bytes: csvBytes(rows) }
    await expect(
      readRegister([file], readOptions('stations', { maxRows: 5 }), counties),
    ).resolves.toBeTruthy()
    const error = await fileError([file, { ...file, name: 'b.csv' }], { maxRows: 9 })
    expect(error.file).toBe('b.csv')
    expect(error.message).toMatch(/10 data rows in all, more than the 9/)
  })

  it('refuses a missing sheet, listing the sheets there are', async () => {
    const error = await fileError([{ name: 'a.xlsx', bytes: await xlsxBytes(rows) }], {
      sheet: '站点',
    })
    expect(error.message).toMatch(/no sheet "站点" \(it has "Sheet1"\)/)
  })

  it('refuses a column map to a field we do not have', async () => {
    const error = await fileError([{ name: 'a.csv', bytes: csvBytes(rows) }], {
      columnMap: { 备注: 'remarks' },
    })
    expect(error.message).toMatch(/sends "备注" to "remarks", which is not a field of stations/)
  })

  it('refuses an encoding iconv-lite does not know', async () => {
    const error = await fileError([{ name: 'a.csv', bytes: csvBytes(rows) }], {
      encoding: 'klingon',
    })
    expect(error.message).toMatch(/unknown encoding "klingon"/)
  })
})
