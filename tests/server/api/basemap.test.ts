import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { cityBorderLines, createBasemapApi, offlineStyle } from '../../../server/api/basemap.ts'
import { buildLabels } from '../../../server/search/place-labels.ts'
import { makeDataset } from '../../fixtures/dataset.ts'
import { withDetailedCounties } from './test-app.ts'
import type { CountyFeature } from '../../../server/domain/county.ts'

// The offline basemap the web app draws (server/api/basemap.ts), checked through a real app.

let store: SqliteStore
let dir: string
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-basemap-'))
  store = await SqliteStore.open(path.join(dir, 'b.sqlite'))
  await store.replaceDataset(withDetailedCounties(makeDataset(20, 5, 3)))
  app = createApp(store)
})
afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A 2×2 grid of unit squares: the left column in city A, the right column in city B. */
function grid(): CountyFeature[] {
  const sq = (x: number, y: number, city: string, adcode: string): CountyFeature => ({
    type: 'Feature',
    id: adcode,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    },
    properties: {
      adcode,
      name: `县${adcode}`,
      city,
      cityAdcode: city === '甲市' ? '330100' : '330200',
      population: null,
      urbanPopulation: null,
      children: null,
      areaKm2: 1,
      note: null,
    },
  })
  return [
    sq(0, 0, '甲市', '330101'),
    sq(0, 1, '甲市', '330102'),
    sq(1, 0, '乙市', '330201'),
    sq(1, 1, '乙市', '330202'),
  ]
}

describe('offline basemap', () => {
  test('the style has no glyphs key, so MapLibre draws labels with a local CJK font', async () => {
    const res = await app.request('/basemap/style.json')
    expect(res.status).toBe(200)
    const style = (await res.json()) as Record<string, unknown> & {
      layers: { id: string; layout?: Record<string, unknown> }[]
    }
    expect(style).not.toHaveProperty('glyphs')
    expect(style).not.toHaveProperty('sprite')
    expect(style.version).toBe(8)
    const labelLayers = style.layers.filter((l) => l.layout?.['text-field'])
    expect(labelLayers.map((l) => l.id)).toEqual(['county-label', 'city-label'])
    for (const l of labelLayers) expect(String(l.layout!['text-font'])).toMatch(/Noto Sans CJK SC/)
  })

  test('its sources are ours and served gzipped when asked', async () => {
    const style = offlineStyle()
    for (const src of Object.values(style.sources))
      expect((src as { data: string }).data).toMatch(/^\/api\/basemap\//)
    const res = await app.request('/api/basemap/counties.geojson', {
      headers: { 'accept-encoding': 'gzip, br' },
    })
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const fc = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'))
    expect(
      fc.features.filter((f: { properties: { layer: string } }) => f.properties.layer === 'county'),
    ).toHaveLength(2)
    const plain = await app.request('/api/basemap/labels.geojson')
    expect(plain.headers.get('content-encoding')).toBeNull()
    const labels = (await plain.json()) as {
      features: { properties: { name: string; kind: string } }[]
    }
    expect(labels.features.map((f) => `${f.properties.kind}:${f.properties.name}`).sort()).toEqual([
      'city:杭州市',
      'county:上城区',
      'county:西湖区',
    ])
  })

  test('city borders are exactly the county edges not shared within a city', () => {
    const lines = cityBorderLines(grid()).geometry.coordinates
    const segments = new Set<string>()
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) {
        const [a, b] = [String(line[i - 1]), String(line[i])].sort()
        const key = `${a}|${b}`
        expect(segments.has(key), `drawn twice: ${key}`).toBe(false)
        segments.add(key)
      }
    }
    // The outer square (8 unit edges) plus the two between the columns; not the two inside a city.
    expect(segments.size).toBe(10)
    expect(segments.has('0,1|1,1')).toBe(false)
    expect(segments.has('1,1|2,1')).toBe(false)
    expect(segments.has('1,0|1,1')).toBe(true)
    expect(segments.has('1,1|1,2')).toBe(true)
  })

  test('every label point lies inside its county, and a city label inside the city', () => {
    const counties = grid()
    const labels = buildLabels(counties).features
    expect(labels).toHaveLength(6)
    for (const l of labels) {
      const [x, y] = l.geometry.coordinates as [number, number]
      const [w, s, e, n] = l.properties.bbox
      expect(x > w! && x < e! && y > s! && y < n!, l.properties.name).toBe(true)
    }
  })

  test('a configured style URL replaces ours; no pmtiles file means 404', async () => {
    const api = createBasemapApi({ styleUrl: 'https://tiles.example.org/style.json' })
    const res = await api.request('/basemap/style.json')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('https://tiles.example.org/style.json')
    const none = await createBasemapApi({}).request('/basemap/basemap.pmtiles')
    expect(none.status).toBe(404)
  })
})

/** The smallest PMTiles v3 archive: a header, an empty root directory, `{}` metadata, PNG type. */
function tinyPmtiles(file: string): Buffer {
  const buf = Buffer.alloc(130)
  buf.write('PMTiles', 0, 'ascii')
  buf.writeUInt8(3, 7)
  const u64 = (offset: number, v: number) => buf.writeBigUInt64LE(BigInt(v), offset)
  u64(8, 127) // root directory offset
  u64(16, 1) // root directory length: one varint, zero entries
  u64(24, 128) // metadata offset
  u64(32, 2) // metadata length
  u64(40, 130)
  u64(56, 130)
  buf.writeUInt8(1, 96) // clustered
  buf.writeUInt8(1, 97) // internal compression: none
  buf.writeUInt8(1, 98) // tile compression: none
  buf.writeUInt8(2, 99) // tile type: PNG
  buf.writeUInt8(0, 127) // root directory
  buf.write('{}', 128, 'ascii')
  fs.writeFileSync(file, buf)
  return buf
}

describe('opt-in PMTiles basemap', () => {
  test('a basemap.pmtiles file is drawn under our layers and served by byte range', async () => {
    const file = path.join(dir, 'basemap.pmtiles')
    const bytes = tinyPmtiles(file)
    const api = createBasemapApi({ pmtilesFile: file })
    const style = (await (await api.request('/basemap/style.json')).json()) as {
      sources: Record<string, { type: string; url?: string }>
      layers: { id: string }[]
    }
    expect(style.sources.street).toEqual({
      type: 'raster',
      url: 'pmtiles:///basemap/basemap.pmtiles',
      tileSize: 256,
    })
    const ids = style.layers.map((l) => l.id)
    expect(ids.indexOf('street')).toBeGreaterThan(ids.indexOf('county-fill'))
    expect(ids.indexOf('street')).toBeLessThan(ids.indexOf('county-label'))

    const part = await api.request('/basemap/basemap.pmtiles', { headers: { range: 'bytes=0-6' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-6/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer()).toString('ascii')).toBe('PMTiles')
    const tail = await api.request('/basemap/basemap.pmtiles', { headers: { range: 'bytes=-2' } })
    expect(Buffer.from(await tail.arrayBuffer()).toString('ascii')).toBe('{}')
    const beyond = await api.request('/basemap/basemap.pmtiles', {
      headers: { range: 'bytes=500-600' },
    })
    expect(beyond.status).toBe(416)
  })

  test('the archive is streamed from disk, not read whole into memory', async () => {
    const file = path.join(dir, 'large.pmtiles')
    tinyPmtiles(file)
    const size = 64 * 1024 * 1024
    fs.truncateSync(file, size) // sparse: quick to make, 64 MB to read
    const api = createBasemapApi({ pmtilesFile: file })
    const before = process.memoryUsage().arrayBuffers
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.request('/basemap/basemap.pmtiles')),
    )
    const readers = answers.map((res) => res.body!.getReader())
    for (const reader of readers) expect((await reader.read()).value!.length).toBeGreaterThan(0)
    const grown = process.memoryUsage().arrayBuffers - before
    for (const reader of readers) await reader.cancel()
    expect(grown).toBeLessThan(16 * 1024 * 1024)
    for (const res of answers) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-length')).toBe(String(size))
      expect(res.headers.get('accept-ranges')).toBe('bytes')
    }
    const tail = await api.request('/basemap/basemap.pmtiles', {
      headers: { range: `bytes=${size - 3}-` },
    })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 3}-${size - 1}/${size}`)
    expect([...new Uint8Array(await tail.arrayBuffer())]).toEqual([0, 0, 0])
    for (const range of ['bytes=10-5', 'items=0-5']) {
      const res = await api.request('/basemap/basemap.pmtiles', { headers: { range } })
      expect(res.status, range).toBe(200)
      await res.body!.cancel()
    }
  })

  test('a file that is not PMTiles v3 is ignored', async () => {
    const file = path.join(dir, 'not.pmtiles')
    fs.writeFileSync(file, 'hello')
    const style = (await (
      await createBasemapApi({ pmtilesFile: file }).request('/basemap/style.json')
    ).json()) as {
      sources: Record<string, unknown>
    }
    expect(Object.keys(style.sources)).toEqual(['counties', 'labels'])
  })
})
