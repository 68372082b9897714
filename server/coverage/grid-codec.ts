import { createHash } from 'node:crypto'
import { h3IndexToSplitLong, splitLongToH3Index } from 'h3-js'
import KDBush from 'kdbush'
import type { CountyGrid } from '../geo/coverage/hex-grid.ts'
import type { AreaGeometry, BBox } from '../geo/polygon.ts'

/**
 * A CountyGrid as flat shared memory, so worker threads read one copy without cloning it, and
 * as a file image, so a restart does not rebuild it. Bump GRID_FORMAT_VERSION whenever this
 * layout or what buildCountyGrid produces changes: files of another version are ignored.
 */
export const GRID_FORMAT_VERSION = 1

export interface GridMeta {
  res: number
  areaKm2: number
  gridAreaKm2: number
  maxPieceRadiusM: number
  bbox: BBox
  cells: number
  pieces: number
  geometryBytes: number
}

export interface GridBuffers {
  meta: GridMeta
  /** The typed arrays and the geometry as UTF-8 JSON, at the offsets `layout` gives. */
  data: SharedArrayBuffer
  /** kdbush's own buffer (KDBush.from), or null when the county has no pieces. */
  index: SharedArrayBuffer | null
}

const F64 = ['cellLon', 'cellLat', 'pieceLon', 'pieceLat', 'pieceAreaKm2', 'pieceRadiusM'] as const

/** Byte offsets of each section in `data`, 8-byte aligned; f64 first, then u32, then u8. */
function layout({ cells, pieces, geometryBytes }: GridMeta) {
  let at = 0
  const take = (bytes: number) => {
    const start = at
    at += Math.ceil(bytes / 8) * 8
    return start
  }
  const f64 = {
    cellLon: take(cells * 8),
    cellLat: take(cells * 8),
    pieceLon: take(pieces * 8),
    pieceLat: take(pieces * 8),
    pieceAreaKm2: take(pieces * 8),
    pieceRadiusM: take(pieces * 8),
  }
  const cellH3 = take(cells * 8)
  const pieceCell = take(pieces * 4)
  const cellCentreInside = take(cells)
  const geometry = take(geometryBytes)
  return { f64, cellH3, pieceCell, cellCentreInside, geometry, bytes: at }
}

export function encodeGrid(grid: CountyGrid): GridBuffers {
  const geometry = Buffer.from(JSON.stringify(grid.geometry))
  const meta: GridMeta = {
    res: grid.res,
    areaKm2: grid.areaKm2,
    gridAreaKm2: grid.gridAreaKm2,
    maxPieceRadiusM: grid.maxPieceRadiusM,
    bbox: grid.bbox,
    cells: grid.cells.length,
    pieces: grid.pieceLon.length,
    geometryBytes: geometry.length,
  }
  const at = layout(meta)
  const data = new SharedArrayBuffer(at.bytes)
  for (const name of F64) new Float64Array(data, at.f64[name], grid[name].length).set(grid[name])
  const h3 = new Uint32Array(data, at.cellH3, meta.cells * 2)
  grid.cells.forEach((cell, i) => h3.set(h3IndexToSplitLong(cell), 2 * i))
  new Uint32Array(data, at.pieceCell, meta.pieces).set(grid.pieceCell)
  new Uint8Array(data, at.cellCentreInside, meta.cells).set(grid.cellCentreInside)
  new Uint8Array(data, at.geometry, meta.geometryBytes).set(geometry)
  let index: SharedArrayBuffer | null = null
  if (grid.pieceIndex) {
    index = new SharedArrayBuffer(grid.pieceIndex.data.byteLength)
    new Uint8Array(index).set(new Uint8Array(grid.pieceIndex.data))
  }
  return { meta, data, index }
}

/** A CountyGrid over the shared memory (no copies); H3 cell ids are decoded on first use. */
export function decodeGrid({ meta, data, index }: GridBuffers): CountyGrid {
  const at = layout(meta)
  const f64 = (name: (typeof F64)[number], n: number) => new Float64Array(data, at.f64[name], n)
  const h3 = new Uint32Array(data, at.cellH3, meta.cells * 2)
  let cells: string[] | null = null
  const geometry = JSON.parse(
    Buffer.from(data, at.geometry, meta.geometryBytes).toString('utf8'),
  ) as AreaGeometry
  return {
    res: meta.res,
    geometry,
    bbox: meta.bbox,
    areaKm2: meta.areaKm2,
    gridAreaKm2: meta.gridAreaKm2,
    // Gaps and suggestions need the ids; coverage figures never do.
    get cells() {
      cells ??= Array.from({ length: meta.cells }, (_, i) =>
        splitLongToH3Index(h3[2 * i] as number, h3[2 * i + 1] as number),
      )
      return cells
    },
    cellLon: f64('cellLon', meta.cells),
    cellLat: f64('cellLat', meta.cells),
    cellCentreInside: new Uint8Array(data, at.cellCentreInside, meta.cells),
    pieceCell: new Uint32Array(data, at.pieceCell, meta.pieces),
    pieceLon: f64('pieceLon', meta.pieces),
    pieceLat: f64('pieceLat', meta.pieces),
    pieceAreaKm2: f64('pieceAreaKm2', meta.pieces),
    pieceRadiusM: f64('pieceRadiusM', meta.pieces),
    maxPieceRadiusM: meta.maxPieceRadiusM,
    pieceIndex: index ? KDBush.from(index) : null,
  }
}

// --- file image: MAGIC, u32 version, u32 meta length, meta JSON, data, index, SHA-256 of all before.

const MAGIC = Buffer.from('WSGRID\0\0')
const HASH_BYTES = 32

export function gridFileBytes({ meta, data, index }: GridBuffers): Buffer {
  const metaJson = Buffer.from(JSON.stringify({ ...meta, indexBytes: index?.byteLength ?? 0 }))
  const head = Buffer.alloc(MAGIC.length + 8)
  MAGIC.copy(head)
  head.writeUInt32LE(GRID_FORMAT_VERSION, MAGIC.length)
  head.writeUInt32LE(metaJson.length, MAGIC.length + 4)
  const parts = [head, metaJson, Buffer.from(data), index ? Buffer.from(index) : Buffer.alloc(0)]
  const hash = createHash('sha256')
  for (const p of parts) hash.update(p)
  return Buffer.concat([...parts, hash.digest()])
}

/** The grid in a file image, or null when it is of another version, truncated or corrupt. */
export function gridFromFileBytes(bytes: Buffer): GridBuffers | null {
  const headBytes = MAGIC.length + 8
  if (bytes.length < headBytes + HASH_BYTES) return null
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return null
  if (bytes.readUInt32LE(MAGIC.length) !== GRID_FORMAT_VERSION) return null
  const body = bytes.subarray(0, bytes.length - HASH_BYTES)
  const digest = createHash('sha256').update(body).digest()
  if (!digest.equals(bytes.subarray(bytes.length - HASH_BYTES))) return null
  const metaEnd = headBytes + bytes.readUInt32LE(MAGIC.length + 4)
  if (metaEnd > body.length) return null
  let parsed: GridMeta & { indexBytes: number }
  try {
    parsed = JSON.parse(body.subarray(headBytes, metaEnd).toString('utf8'))
  } catch {
    return null
  }
  const { indexBytes, ...meta } = parsed
  const dataBytes = layout(meta).bytes
  if (metaEnd + dataBytes + indexBytes !== body.length) return null
  const share = (start: number, length: number) => {
    const buf = new SharedArrayBuffer(length)
    body.copy(new Uint8Array(buf), 0, start, start + length)
    return buf
  }
  return {
    meta,
    data: share(metaEnd, dataBytes),
    index: indexBytes > 0 ? share(metaEnd + dataBytes, indexBytes) : null,
  }
}
