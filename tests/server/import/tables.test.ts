import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { csvRows } from '../../../server/import/csv-table.ts'
import { readTable } from '../../../server/import/read-table.ts'
import { decodeText } from '../../../server/import/text-encoding.ts'

const TEXT = '名称,地址\r\n"驿站,一号","杭州市""上城区""\n中河路1号"\r\n\r\n二号,\n'

describe('csvRows', () => {
  it('reads quotes, doubled quotes, line breaks in cells and blank lines, numbering records', () => {
    expect(csvRows(TEXT)).toEqual([
      { row: 1, cells: ['名称', '地址'] },
      { row: 2, cells: ['驿站,一号', '杭州市"上城区"\n中河路1号'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['二号', ''] },
    ])
  })

  it('reads CR-only line ends, no final line end, and tabs when the header has no comma', () => {
    expect(csvRows('a,b\rc,d')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', 'd'] },
    ])
    expect(csvRows('名称\t经度\n一,号\t120\n').map((r) => r.cells)).toEqual([
      ['名称', '经度'],
      ['一,号', '120'],
    ])
  })

  it('refuses a quote that is never closed', () => {
    expect(() => csvRows('a,b\n"c,d\n')).toThrow(/opened in row 2 is never closed/)
  })
})

describe('decodeText', () => {
  it.each([
    ['UTF-8', new TextEncoder().encode(TEXT), 'utf-8'],
    ['UTF-8 with a BOM', new TextEncoder().encode('\uFEFF' + TEXT), 'utf-8'],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'gb18030'],
    ['UTF-16LE with its BOM', iconv.encode(TEXT, 'utf-16le', { addBOM: true }), 'utf-16le'],
  ])('%s', (_, bytes, encoding) => {
    expect(decodeText(new Uint8Array(bytes))).toEqual({ text: TEXT, encoding })
  })

  it('finds GBK text containing the bytes of a BOM inside a line, not as a BOM', () => {
    // 锘 is EF BB in GBK; followed by a character whose first byte is BF.
    const text = '名称\n一锘'
    const bytes = new Uint8Array(iconv.encode(text + '縵', 'gbk'))
    expect([...bytes.subarray(-4, -1)]).toEqual([0xef, 0xbb, 0xbf])
    expect(decodeText(bytes).text).toBe(text + '縵')
  })
})

describe('readTable', () => {
  it('keeps the file row numbers below a title row and drops empty trailing columns', async () => {
    const bytes = new TextEncoder().encode('某某区爱心驿站名单,,,\n名称,经度,纬度,\n一号,120,30,\n')
    const table = await readTable({ name: 'a.csv', bytes }, {})
    expect(table).toEqual({
      header: ['名称', '经度', '纬度'],
      rows: [{ row: 3, cells: ['一号', '120', '30', ''] }],
      format: 'csv',
      encoding: 'utf-8',
      sheet: null,
    })
  })

  it('tells JSON lines from a one-line GeoJSON', async () => {
    const line = new TextEncoder().encode('{"name":"a","lon":120,"lat":30}\n')
    expect((await readTable({ name: 'a.txt', bytes: line }, {})).format).toBe('jsonl')
    const geo = new TextEncoder().encode(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'a' },
            geometry: { type: 'Point', coordinates: [120, 30] },
          },
        ],
      }),
    )
    const table = await readTable({ name: 'a.json', bytes: geo }, {})
    expect(table).toMatchObject({
      format: 'geojson',
      header: ['name', 'lon', 'lat'],
      rows: [{ row: 1, cells: ['a', '120', '30'] }],
    })
  })
})
