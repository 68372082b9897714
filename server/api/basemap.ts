import fs from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import type { Context } from 'hono'
import type { Feature, MultiLineString, Position } from 'geojson'
import { PMTiles, TileType, bytesToHeader } from 'pmtiles'
import type { RangeResponse, Source } from 'pmtiles'
import type { CountyFeature } from '../domain/county.ts'
import { LABEL_FONTS, LABEL_FONTS_BOLD } from '../domain/map-fonts.ts'
import { polygonsOf } from '../geo/polygon.ts'
import type { AreaGeometry } from '../geo/polygon.ts'
import type { AppEnv } from './env.ts'
import { notFound } from './problem.ts'
import { sendFile, statFile } from '../http/send-file.ts'

/**
 * The offline basemap: a MapLibre style built from our own county polygons, so the map works
 * with no network at all. It has no `glyphs` key, so MapLibre (≥ 5.11) draws every label with
 * a local font; the web app names a CJK font family for that.
 *
 * Opt-in street basemaps, checked in this order:
 * - WAYSTATION_BASEMAP_STYLE: a style URL; /basemap/style.json redirects to it.
 * - <WAYSTATION_DATA_DIR>/basemap.pmtiles: served with range requests and drawn under our
 *   county layers through the `pmtiles://` protocol (raster, or vector with well-known layers).
 */

export interface BasemapOptions {
  /** An external style URL that replaces ours. */
  styleUrl?: string
  /** A PMTiles archive to draw under our layers. */
  pmtilesFile?: string
}

export function basemapOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BasemapOptions {
  const styleUrl = env.WAYSTATION_BASEMAP_STYLE?.trim()
  const pmtilesFile = path.join(path.resolve(env.WAYSTATION_DATA_DIR ?? 'var'), 'basemap.pmtiles')
  return {
    styleUrl: styleUrl === '' ? undefined : styleUrl,
    pmtilesFile: fs.existsSync(pmtilesFile) ? pmtilesFile : undefined,
  }
}

export const COUNTIES_URL = '/api/basemap/counties.geojson'
export const LABELS_URL = '/api/basemap/labels.geojson'
export const PMTILES_URL = '/basemap/basemap.pmtiles'

/** Soft land tints by prefecture city (Zhejiang's 11, by adcode), so neighbours read apart. */
const CITY_TINTS: Record<string, string> = {
  '330100': '#f4eee2', // 杭州
  '330200': '#eaf0e4', // 宁波
  '330300': '#f1ebe6', // 温州
  '330400': '#eef0e2', // 嘉兴
  '330500': '#f0ebe0', // 湖州
  '330600': '#e9efe8', // 绍兴
  '330700': '#eeeee2', // 金华
  '330800': '#f3ece4', // 衢州
  '330900': '#ebeee6', // 舟山
  '331000': '#f3efe4', // 台州
  '331100': '#e8efe4', // 丽水
}

/**
 * City borders without a polygon union (turf's takes a second for 89 counties): a county edge
 * is a city border when no county of the same city shares it. Our counties come from one
 * topology, so shared edges have identical vertices. Each run of border edges along a ring
 * becomes one line, and an edge drawn from one side is skipped from the other.
 */
export function cityBorderLines(counties: CountyFeature[]): Feature<MultiLineString> {
  const key = (a: Position, b: Position) => {
    const [p, q] = [`${a[0]},${a[1]}`, `${b[0]},${b[1]}`]
    return p < q ? `${p}|${q}` : `${q}|${p}`
  }
  const rings = counties.flatMap((c) =>
    polygonsOf(c.geometry as AreaGeometry)
      .flat()
      .map((ring) => ({ ring, city: c.properties.cityAdcode })),
  )
  const cityCount = new Map<string, Map<string, number>>()
  for (const { ring, city } of rings) {
    for (let i = 1; i < ring.length; i++) {
      const k = key(ring[i - 1]!, ring[i]!)
      const byCity = cityCount.get(k) ?? new Map<string, number>()
      byCity.set(city, (byCity.get(city) ?? 0) + 1)
      cityCount.set(k, byCity)
    }
  }
  const drawn = new Set<string>()
  const lines: Position[][] = []
  for (const { ring } of rings) {
    let run: Position[] = []
    for (let i = 1; i < ring.length; i++) {
      const k = key(ring[i - 1]!, ring[i]!)
      const isBorder = [...cityCount.get(k)!.values()].every((n) => n === 1)
      if (isBorder && !drawn.has(k)) {
        drawn.add(k)
        if (run.length === 0) run.push(ring[i - 1]!)
        run.push(ring[i]!)
      } else if (run.length > 0) {
        lines.push(run)
        run = []
      }
    }
    if (run.length > 0) lines.push(run)
  }
  return {
    type: 'Feature',
    properties: {},
    geometry: { type: 'MultiLineString', coordinates: lines },
  }
}

/**
 * Basemap geometry at 1e-4° (≈ 10 m): a third smaller to send and parse, finer than a border
 * line is drawn. Shared vertices round alike, so neighbouring counties still meet.
 */
export function quantizeLine(line: Position[]): Position[] {
  const out: Position[] = []
  for (const p of line) {
    const q = [Math.round(p[0]! * 1e4) / 1e4, Math.round(p[1]! * 1e4) / 1e4]
    const last = out[out.length - 1]
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q)
  }
  return out
}

function quantize(g: AreaGeometry): AreaGeometry {
  const polygon = (rings: Position[][]) => rings.map(quantizeLine).filter((r) => r.length >= 4)
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(polygon).filter((p) => p.length > 0) }
}

/** Our offline style: water-ish background, county land by city, borders, Chinese labels. */
export function offlineStyle(extra: { sources?: object; layers?: object[] } = {}) {
  return {
    version: 8,
    name: 'Waystation offline',
    sources: {
      counties: { type: 'geojson', data: COUNTIES_URL, attribution: '© Waystation data' },
      labels: { type: 'geojson', data: LABELS_URL },
      ...extra.sources,
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#cfe2ec' } },
      {
        id: 'county-fill',
        type: 'fill',
        source: 'counties',
        filter: ['==', ['get', 'layer'], 'county'],
        paint: {
          'fill-color': [
            'match',
            ['get', 'cityAdcode'],
            ...Object.entries(CITY_TINTS).flat(),
            '#f1eee6',
          ],
          'fill-opacity': extra.layers ? 0.35 : 1,
        },
      },
      ...(extra.layers ?? []),
      {
        id: 'county-line',
        type: 'line',
        source: 'counties',
        filter: ['==', ['get', 'layer'], 'county'],
        minzoom: 6.5,
        paint: {
          'line-color': '#a99c88',
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.5, 12, 1.4],
          'line-dasharray': [3, 2],
        },
      },
      {
        id: 'city-line',
        type: 'line',
        source: 'counties',
        filter: ['==', ['get', 'layer'], 'city'],
        paint: {
          'line-color': '#7d6e5c',
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.8, 12, 2.4],
        },
      },
      {
        id: 'county-label',
        type: 'symbol',
        source: 'labels',
        filter: ['==', ['get', 'kind'], 'county'],
        minzoom: 8,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONTS,
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 13, 13, 17],
          'text-padding': 4,
        },
        paint: {
          'text-color': '#4a3f33',
          'text-halo-color': 'rgba(255,255,255,0.92)',
          'text-halo-width': 1.6,
        },
      },
      {
        id: 'city-label',
        type: 'symbol',
        source: 'labels',
        filter: ['==', ['get', 'kind'], 'city'],
        maxzoom: 11,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONTS_BOLD,
          'text-size': ['interpolate', ['linear'], ['zoom'], 5, 14, 10, 20],
          'text-padding': 6,
          'symbol-sort-key': 0,
        },
        paint: {
          'text-color': '#2b2218',
          'text-halo-color': 'rgba(255,255,255,0.95)',
          'text-halo-width': 2,
        },
      },
    ],
  }
}

/** Layers for a PMTiles archive: one raster layer, or vector layers for well-known schemas. */
async function pmtilesExtra(file: string) {
  const archive = new PMTiles(new FileSource(file))
  const header = await archive.getHeader()
  const sources = {
    street: {
      type: header.tileType === TileType.Mvt ? 'vector' : 'raster',
      url: `pmtiles://${PMTILES_URL}`,
      ...(header.tileType === TileType.Mvt ? {} : { tileSize: 256 }),
    },
  }
  if (header.tileType !== TileType.Mvt) {
    return { sources, layers: [{ id: 'street', type: 'raster', source: 'street' }] }
  }
  const metadata = (await archive.getMetadata()) as { vector_layers?: { id: string }[] }
  const ids = new Set((metadata.vector_layers ?? []).map((l) => l.id))
  const layers = VECTOR_LAYERS.filter((l) => ids.has(l['source-layer']))
  return { sources, layers }
}

// Protomaps (earth, water, roads, buildings) and OpenMapTiles (water, transportation, building).
const VECTOR_LAYERS = [
  {
    id: 'street-earth',
    type: 'fill',
    source: 'street',
    'source-layer': 'earth',
    paint: { 'fill-color': '#f3efe4' },
  },
  {
    id: 'street-water',
    type: 'fill',
    source: 'street',
    'source-layer': 'water',
    paint: { 'fill-color': '#b9d6e6' },
  },
  {
    id: 'street-buildings',
    type: 'fill',
    source: 'street',
    'source-layer': 'buildings',
    minzoom: 14,
    paint: { 'fill-color': '#e2dccf' },
  },
  {
    id: 'street-building',
    type: 'fill',
    source: 'street',
    'source-layer': 'building',
    minzoom: 14,
    paint: { 'fill-color': '#e2dccf' },
  },
  {
    id: 'street-roads',
    type: 'line',
    source: 'street',
    'source-layer': 'roads',
    paint: {
      'line-color': '#ffffff',
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 16, 6],
    },
  },
  {
    id: 'street-transportation',
    type: 'line',
    source: 'street',
    'source-layer': 'transportation',
    paint: {
      'line-color': '#ffffff',
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 16, 6],
    },
  },
]

class FileSource implements Source {
  constructor(private readonly file: string) {}
  getKey() {
    return this.file
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const data = readRange(this.file, offset, length)
    return {
      data: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    }
  }
}

function readRange(file: string, offset: number, length: number): Buffer {
  const fd = fs.openSync(file, 'r')
  try {
    const buf = Buffer.alloc(length)
    const read = fs.readSync(fd, buf, 0, length, offset)
    return buf.subarray(0, read)
  } finally {
    fs.closeSync(fd)
  }
}

/** True when the file starts with a PMTiles v3 header. */
export function isPmtilesV3(file: string): boolean {
  try {
    const head = readRange(file, 0, 127)
    return (
      head.length === 127 &&
      bytesToHeader(head.buffer.slice(head.byteOffset, head.byteOffset + 127) as ArrayBuffer)
        .specVersion === 3
    )
  } catch {
    return false
  }
}

export function createBasemapApi(options: BasemapOptions = basemapOptionsFromEnv()) {
  const pmtiles =
    options.pmtilesFile && isPmtilesV3(options.pmtilesFile) ? options.pmtilesFile : undefined
  // County geometry changes only with a data import: cache per data version.
  let cache: { version: number; counties: string; labels: string } | null = null
  const layersFor = async (c: Context<AppEnv>) => {
    const version = await c.var.store.dataVersion()
    if (cache?.version !== version) {
      const counties = await c.var.store.listCounties()
      const { buildLabels } = await import('../search/place-labels.ts')
      const labels = buildLabels(counties)
      const cityBorders = cityBorderLines(counties)
      const features = [
        ...counties.map((f) => ({
          type: 'Feature',
          geometry: quantize(f.geometry as AreaGeometry),
          properties: {
            layer: 'county',
            adcode: f.properties.adcode,
            cityAdcode: f.properties.cityAdcode,
          },
        })),
        {
          ...cityBorders,
          geometry: {
            type: 'MultiLineString',
            coordinates: cityBorders.geometry.coordinates.map(quantizeLine),
          },
          properties: { layer: 'city' },
        },
      ]
      cache = {
        version,
        counties: JSON.stringify({ type: 'FeatureCollection', features }),
        labels: JSON.stringify(labels),
      }
    }
    return cache
  }
  // Validators and compress-once caching come from app.ts's middleware (http-cache.ts).
  const geojson = (body: string) =>
    new Response(body, { headers: { 'content-type': 'application/geo+json; charset=utf-8' } })

  return (
    new Hono<AppEnv>()
      .get('/basemap/style.json', async (c) => {
        if (options.styleUrl) return c.redirect(options.styleUrl, 302)
        const style = pmtiles ? offlineStyle(await pmtilesExtra(pmtiles)) : offlineStyle()
        return c.json(style, 200)
      })
      // Streamed from disk by byte range, as the pmtiles client asks: archives run to gigabytes.
      .get('/basemap/basemap.pmtiles', async (c) => {
        const stats = pmtiles ? await statFile(pmtiles) : null
        if (!pmtiles || !stats) throw notFound('no basemap.pmtiles in the data directory')
        return sendFile(
          c.req.raw,
          { path: pmtiles, stats },
          {
            'content-type': 'application/vnd.pmtiles',
            'cache-control': 'no-cache',
          },
        )
      })
      .get(COUNTIES_URL, async (c) => geojson((await layersFor(c)).counties))
      .get(LABELS_URL, async (c) => geojson((await layersFor(c)).labels))
  )
}

export const basemapApi = createBasemapApi()
