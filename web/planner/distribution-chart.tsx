import { useEffect, useRef, useState } from 'react'
import type { CoverageRow } from '../../server/domain/coverage.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { ErrorNote, Loading } from '../ui/status.tsx'
import type { ColorScale } from './color-scale.ts'
import { formatMetric, metricValue } from './metric-format.ts'
import type { Metric } from './planner-state.ts'

type PlotModule = typeof import('@observablehq/plot')
// The chart library (with d3) is fetched once, on the planner only.
let plotModule: Promise<PlotModule> | null = null
const loadPlot = () => (plotModule ??= import('@observablehq/plot'))

export interface DistributionChartProps {
  counties: readonly CoverageRow[]
  province: CoverageRow
  metric: Metric
  scale: ColorScale
  selected: string | null
  onSelect: (adcode: string) => void
}

interface Datum {
  adcode: string
  name: string
  value: number
  color: string
}

/** Every county's value as a bar, largest first, in the map's colours; the province as a dashed rule. */
export function DistributionChart({
  counties,
  province,
  metric,
  scale,
  selected,
  onSelect,
}: DistributionChartProps) {
  const t = usePlannerT()
  const p = t.planner
  const box = useRef<HTMLDivElement>(null)
  const [plot, setPlot] = useState<PlotModule | null>(null)
  const [failed, setFailed] = useState(false)
  const [width, setWidth] = useState(0)
  const onSelectRef = useRef(onSelect)
  onSelectRef.current = onSelect

  useEffect(() => {
    loadPlot().then(setPlot, () => setFailed(true))
  }, [])
  useEffect(() => {
    const el = box.current
    if (!el) return
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  useEffect(() => {
    const el = box.current
    if (!plot || !el || width < 100) return
    const fmt = (v: number) => formatMetric(metric, v, t.lang)
    const data: Datum[] = counties
      .flatMap((r) => {
        const value = metricValue(r, metric)
        return value === null
          ? []
          : [{ adcode: r.adcode, name: r.name, value, color: scale.colorOf(value) }]
      })
      .sort((a, b) => b.value - a.value || (a.adcode < b.adcode ? -1 : 1))
    const chosen = data.filter((d) => d.adcode === selected)
    const provinceValue = metricValue(province, metric)
    const figure = plot.plot({
      width,
      height: 170,
      marginLeft: 44,
      marginTop: 22,
      marginBottom: 8,
      style: { fontFamily: 'inherit', fontSize: '12px', background: 'transparent' },
      x: { domain: data.map((d) => d.adcode), axis: null, padding: 0.15 },
      y: { label: null, grid: true, nice: true },
      marks: [
        plot.barY(data, {
          x: 'adcode',
          y: 'value',
          fill: 'color',
          stroke: '#6b7280',
          strokeWidth: 0.4,
        }),
        provinceValue === null
          ? null
          : plot.ruleY([provinceValue], {
              stroke: '#111827',
              strokeDasharray: '5,3',
              strokeWidth: 1.2,
            }),
        provinceValue === null
          ? null
          : plot.text([provinceValue], {
              y: (d: number) => d,
              frameAnchor: 'right',
              dy: -7,
              text: (d: number) => `${p.chart.province} ${fmt(d)}`,
              fill: '#111827',
              stroke: '#fff',
              strokeWidth: 3,
              paintOrder: 'stroke',
            }),
        plot.barY(chosen, {
          x: 'adcode',
          y: 'value',
          fill: '#c2185b',
          stroke: '#111827',
          strokeWidth: 1,
        }),
        plot.text(chosen, {
          x: 'adcode',
          y: 'value',
          text: (d: Datum) => `${d.name} ${fmt(d.value)}`,
          dy: -8,
          fontWeight: 700,
          fill: '#111827',
          stroke: '#fff',
          strokeWidth: 3,
          paintOrder: 'stroke',
          textAnchor: 'middle',
        }),
        plot.tip(
          data,
          plot.pointerX({
            x: 'adcode',
            y: 'value',
            title: (d: Datum) => `${d.name}\n${p.metrics[metric]}: ${fmt(d.value)}`,
          }),
        ),
      ],
    })
    figure.setAttribute('role', 'img')
    figure.setAttribute('aria-label', p.chart.title(p.metrics[metric]))
    // Plot labels its marks' <g> elements, where ARIA prohibits a label without a role; inside
    // one labelled image they would say nothing anyway (the table is the accessible twin).
    for (const g of figure.querySelectorAll('[aria-label]')) g.removeAttribute('aria-label')
    const onClick = () => {
      const datum = (figure as unknown as { value?: Datum | null }).value
      if (datum) onSelectRef.current(datum.adcode)
    }
    figure.addEventListener('click', onClick)
    el.replaceChildren(figure)
    return () => {
      figure.removeEventListener('click', onClick)
      figure.remove()
    }
  }, [plot, width, counties, province, metric, scale, selected, t, p])

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{p.chart.title(p.metrics[metric])}</span>
        <span className="muted small"> · {p.chart.hint}</span>
      </figcaption>
      {!plot && !failed && <Loading>{p.chart.loading}</Loading>}
      {failed && <ErrorNote>{p.chart.error}</ErrorNote>}
      <div ref={box} className="chart-box" />
    </figure>
  )
}
