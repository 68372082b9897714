import type { ExpressionSpecification } from 'maplibre-gl'

/**
 * The choropleth's classes: quantile breaks (each class holds about the same number of
 * counties), rounded to the precision the legend prints, so a county's colour always agrees with
 * the legend's labels. Colours are ColorBrewer YlGnBu, a sequential scheme ColorBrewer marks safe
 * for colour-blind readers and for greyscale printing; darker means a larger value.
 */

export const YLGNBU_5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const
export const NO_DATA_COLOR = '#bdbdbd'
export const DEFAULT_CLASSES = 5

/** R-7 (Excel, d3.quantile) sample quantile of ascending `sorted`, p in [0, 1]. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  const a = sorted[lo]!
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!
  return a + (b - a) * (h - lo)
}

const roundTo = (v: number, decimals: number) => {
  const f = 10 ** decimals
  return Math.round(v * f) / f
}

/**
 * Inner class boundaries: at most `classes - 1` strictly increasing values, each rounded to
 * `decimals`. Boundaries equal to the minimum would leave a class empty and are dropped, as are
 * repeats (many tied values), so there may be fewer classes than asked for.
 */
export function quantileBreaks(
  values: readonly (number | null)[],
  classes: number,
  decimals: number,
): number[] {
  const sorted = values
    .filter((v): v is number => v !== null && Number.isFinite(v))
    .sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const min = sorted[0]!
  const breaks: number[] = []
  for (let i = 1; i < classes; i++) {
    const b = roundTo(quantileSorted(sorted, i / classes), decimals)
    if (b > min && (breaks.length === 0 || b > breaks[breaks.length - 1]!)) breaks.push(b)
  }
  return breaks
}

/** Class index 0…breaks.length: a value equal to a boundary starts the class above it. */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null || !Number.isFinite(value)) return null
  let i = 0
  while (i < breaks.length && value >= breaks[i]!) i++
  return i
}

/** n colours spread over the scheme, light to dark (3 classes: the lightest, middle, darkest). */
export function paletteFor(n: number): string[] {
  if (n <= 1) return [YLGNBU_5[2]]
  const last = YLGNBU_5.length - 1
  return Array.from({ length: n }, (_, i) => YLGNBU_5[Math.round((i * last) / (n - 1))]!)
}

export interface LegendClass {
  color: string
  /** Inclusive lower bound (the data minimum for the first class). */
  from: number
  /** Exclusive upper bound; null for the last class, which runs to the maximum inclusive. */
  to: number | null
  /** Counties in the class. */
  count: number
}

export interface ColorScale {
  breaks: number[]
  classes: LegendClass[]
  /** Counties without a value (drawn grey). */
  noData: number
  /** Largest value, the last class's inclusive top. */
  max: number | null
  colorOf: (value: number | null) => string
}

export function colorScale(
  values: readonly (number | null)[],
  decimals: number,
  classes = DEFAULT_CLASSES,
): ColorScale {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v))
  const breaks = quantileBreaks(present, classes, decimals)
  const colors = paletteFor(breaks.length + 1)
  const counts = new Array<number>(breaks.length + 1).fill(0)
  for (const v of present) counts[classOf(v, breaks)!]!++
  const min = present.length > 0 ? Math.min(...present) : null
  const max = present.length > 0 ? Math.max(...present) : null
  return {
    breaks,
    classes:
      min === null
        ? []
        : colors.map((color, i) => ({
            color,
            from: i === 0 ? min : breaks[i - 1]!,
            to: i < breaks.length ? breaks[i]! : null,
            count: counts[i]!,
          })),
    noData: values.length - present.length,
    max,
    colorOf: (v) => {
      const c = classOf(v, breaks)
      return c === null ? NO_DATA_COLOR : colors[c]!
    },
  }
}

/** Counties outside the legend class the planner picked: faint, so the class stands out. */
export const FILTERED_OUT_COLOR = '#f3f4f6'

/**
 * A `match` on adcode: recolouring is one paint-property change, the data are never rebuilt.
 * Rows with `filteredOut` are drawn in FILTERED_OUT_COLOR.
 */
export function fillColorExpression(
  rows: readonly { adcode: string; value: number | null; filteredOut?: boolean }[],
  scale: ColorScale,
): ExpressionSpecification | string {
  if (rows.length === 0) return NO_DATA_COLOR
  const pairs = rows.flatMap((r) => [
    r.adcode,
    r.filteredOut ? FILTERED_OUT_COLOR : scale.colorOf(r.value),
  ])
  return ['match', ['get', 'adcode'], ...pairs, NO_DATA_COLOR] as unknown as ExpressionSpecification
}
