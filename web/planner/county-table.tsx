import { ArrowDown, ArrowUp, X } from 'lucide-react'
import type { CoverageReport, CoverageRow } from '../../server/domain/coverage.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { tableRows } from './coverage-table.ts'
import { formatKm2, formatNumber, formatPct, MISSING } from './metric-format.ts'
import { isWorstFirst, nextSort } from './planner-state.ts'
import type { Sort, SortKey } from './planner-state.ts'

export interface CountyTableProps {
  report: CoverageReport
  sort: Sort
  grouped: boolean
  hovered: string | null
  selected: string | null
  /** The legend's class filter: which counties to list, and how to say so. */
  filter: { include: (row: CoverageRow) => boolean; range: string } | null
  onSort: (sort: Sort) => void
  onGrouped: (grouped: boolean) => void
  /** One click to the flat ranking, least covered first. */
  onWorstFirst: () => void
  onClearFilter: () => void
  onHover: (adcode: string | null) => void
  onSelect: (adcode: string) => void
}

type Column = Exclude<SortKey, 'adcode' | 'name'>
const COLUMNS: Column[] = ['count', 'perTenThousand', 'per100Km2', 'coveredPct', 'uncoveredKm2']

/** Counties with their city subtotals and the province; sortable, linked to the map by hover and click. */
export function CountyTable(props: CountyTableProps) {
  const t = usePlannerT()
  const p = t.planner
  const { sort } = props
  const { filter } = props
  const rows = tableRows(props.report, sort, props.grouped, filter?.include)
  const listed = rows.filter((r) => r.kind === 'county').length
  const worstFirst = isWorstFirst({ sort, grouped: props.grouped })
  const cell = (key: Column, v: number | null) => {
    if (key === 'coveredPct') return formatPct(v, t.lang).replace('%', '')
    if (key === 'uncoveredKm2' || key === 'areaKm2') return formatKm2(v, t.lang)
    if (key === 'perTenThousand') return formatNumber(v, 2, t.lang)
    if (key === 'per100Km2') return formatNumber(v, 1, t.lang)
    return formatNumber(v, 0, t.lang)
  }
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key || (key === 'name' && sort.key === 'adcode')
    return (
      <th
        scope="col"
        aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
        className={key === 'name' ? 'col-name' : 'num'}
      >
        <button
          type="button"
          className="sort-btn"
          onClick={() => props.onSort(nextSort(sort, key))}
          data-sort={key}
        >
          {label}
          {active &&
            sort.key === key &&
            (sort.dir === 'asc' ? (
              <ArrowUp aria-hidden size={14} />
            ) : (
              <ArrowDown aria-hidden size={14} />
            ))}
        </button>
      </th>
    )
  }

  return (
    <div className="county-table-wrap">
      <div className="table-tools">
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={worstFirst}
          data-action="worst-first"
          onClick={props.onWorstFirst}
        >
          <ArrowUp aria-hidden size={16} /> {p.worstFirst}
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={props.grouped}
            onChange={(e) => props.onGrouped(e.target.checked)}
          />{' '}
          {p.table.grouped}
        </label>
        <span className="muted small">{p.table.sortHint}</span>
      </div>
      {filter && (
        <p className="table-filter" role="status">
          <span>{p.filter.showing(filter.range, listed)}</span>
          <button type="button" className="btn btn-small" onClick={props.onClearFilter}>
            <X aria-hidden size={16} /> {p.filter.showAll}
          </button>
        </p>
      )}
      <div className="table-scroll">
        <table className="county-table" onMouseLeave={() => props.onHover(null)}>
          <caption className="sr-only">{p.table.caption}</caption>
          <thead>
            <tr>
              {header('name', p.table.name)}
              {COLUMNS.map((c) => header(c, p.table.columns[c]))}
              <th scope="col" className="num" title={p.table.popUnavailable}>
                <span className="th-static">
                  {p.table.populationCoveredPct}
                  <sup aria-hidden>*</sup>
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ kind, row }) => {
              const county = kind === 'county'
              return (
                <tr
                  key={`${kind}:${row.adcode}`}
                  data-kind={kind}
                  data-adcode={row.adcode}
                  className={[
                    `row-${kind}`,
                    county && props.hovered === row.adcode ? 'hovered' : '',
                    county && props.selected === row.adcode ? 'selected' : '',
                  ].join(' ')}
                  aria-selected={county ? props.selected === row.adcode : undefined}
                  onMouseEnter={county ? () => props.onHover(row.adcode) : undefined}
                >
                  <th scope="row" className="col-name">
                    {county ? (
                      <button
                        type="button"
                        className="row-btn"
                        onClick={() => props.onSelect(row.adcode)}
                      >
                        {row.name}
                        {!props.grouped && <span className="muted small"> {row.city}</span>}
                      </button>
                    ) : kind === 'province' ? (
                      p.table.province
                    ) : (
                      row.name
                    )}
                  </th>
                  {COLUMNS.map((c) => (
                    <td key={c} className="num" data-col={c}>
                      {cell(c, row[c])}
                    </td>
                  ))}
                  <td
                    className="num muted"
                    data-col="populationCoveredPct"
                    title={p.table.popUnavailable}
                  >
                    {row.populationCoveredPct === null
                      ? MISSING
                      : formatPct(row.populationCoveredPct, t.lang).replace('%', '')}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="table-note muted small">
        <sup>*</sup> {p.note.population}
      </p>
    </div>
  )
}
