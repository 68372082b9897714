import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCountyGrid, type CountyGrid } from '../../../server/geo/coverage/hex-grid.ts'
import {
  decodeGrid,
  encodeGrid,
  gridFileBytes,
  gridFromFileBytes,
} from '../../../server/coverage/grid-codec.ts'
import { readGridFile, writeGridFile } from '../../../server/coverage/grid-files.ts'
import { countyGeometry } from '../geo/coverage/fixtures.ts'

// An archipelago (many rings, boundary cells cut into triangles) at the walking radius's res.
const built = buildCountyGrid(countyGeometry('定海区'), 8)

function expectSameGrid(got: CountyGrid, want: CountyGrid) {
  const { pieceIndex: gotIndex, ...gotRest } = got
  const { pieceIndex: wantIndex, ...wantRest } = want
  expect({ ...gotRest, cells: got.cells }).toEqual({ ...wantRest, cells: want.cells })
  // The kd-tree answers the same range queries.
  const [w, s, e, n] = want.bbox
  for (const f of [0.1, 0.3, 0.5]) {
    const box = [w + f * (e - w), s + f * (n - s), w + (f + 0.2) * (e - w), s + (f + 0.2) * (n - s)]
    const range = (g: CountyGrid) => g.pieceIndex!.range(box[0]!, box[1]!, box[2]!, box[3]!).sort()
    expect(range(got)).toEqual(range(want))
  }
  expect(gotIndex?.numItems).toBe(wantIndex?.numItems)
}

describe('grid codec', () => {
  it('decodes shared memory to the grid that was encoded', () => {
    expect(built.pieceLon.length).toBeGreaterThan(1000)
    expectSameGrid(decodeGrid(encodeGrid(built)), built)
  })

  it('round-trips through a file image, and through a file written atomically', () => {
    expectSameGrid(decodeGrid(gridFromFileBytes(gridFileBytes(encodeGrid(built)))!), built)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-grid-'))
    const file = path.join(dir, 'sub', 'g.grid')
    writeGridFile(file, encodeGrid(built))
    expect(fs.readdirSync(path.dirname(file))).toEqual(['g.grid']) // no temp file left
    expectSameGrid(decodeGrid(readGridFile(file)!), built)
    fs.rmSync(dir, { recursive: true })
  })

  it('refuses a truncated, corrupt or foreign file instead of decoding garbage', () => {
    const bytes = gridFileBytes(encodeGrid(built))
    expect(gridFromFileBytes(bytes.subarray(0, bytes.length - 1))).toBeNull()
    expect(gridFromFileBytes(bytes.subarray(0, 10))).toBeNull()
    const flipped = Buffer.from(bytes)
    flipped[Math.floor(bytes.length / 2)]! ^= 0x40
    expect(gridFromFileBytes(flipped)).toBeNull()
    const otherVersion = Buffer.from(bytes)
    otherVersion.writeUInt32LE(999, 8)
    expect(gridFromFileBytes(otherVersion)).toBeNull()
    expect(
      gridFromFileBytes(Buffer.from('not a grid at all, but long enough to have a hash...')),
    ).toBeNull()
    expect(readGridFile('/nonexistent/dir/g.grid')).toBeNull()
  })

  it('handles a county too small to hold a piece', () => {
    const tiny = buildCountyGrid(
      {
        type: 'Polygon',
        coordinates: [
          [
            [120, 30],
            [120.00001, 30],
            [120, 30.00001],
            [120, 30],
          ],
        ],
      },
      7,
    )
    const back = decodeGrid(gridFromFileBytes(gridFileBytes(encodeGrid(tiny)))!)
    expect(back.pieceLon.length).toBe(tiny.pieceLon.length)
    expect(back.pieceIndex === null).toBe(tiny.pieceIndex === null)
  })
})
