import loadHighs from 'highs'
import { coveredWeight, type MaxCoverInstance } from './max-cover-instance.ts'

/** Relative optimality gap HiGHS may stop at: far below any difference the figures show. */
const MIP_REL_GAP = 1e-7

export interface MaxCoverOptimum {
  /** How many candidates could be built. */
  k: number
  /** The chosen candidates, ascending. */
  chosen: number[]
  /** Land covered with them built (existing stations included), grid km². */
  coveredKm2: number
  /** False when the time limit came first: `chosen` is then the best set found. */
  optimal: boolean
}

export interface MaxCoverOptions {
  /** Seconds per k before HiGHS stops with the best set found (then `optimal` is false). */
  timeLimitS?: number
}

let highs: ReturnType<typeof loadHighs> | null = null

/**
 * The exact maximal covering optimum for each k in `counts`, by mixed-integer programming
 * (HiGHS, WebAssembly): x_j ∈ {0, 1} builds candidate j, Σ x_j ≤ k. An element's covered share
 * is the largest value a built candidate gives it (or its base), which is linear by levels: with
 * its distinct values above the base u_1 < … < u_m (u_0 = base), y_l ∈ [0, 1],
 * y_l ≤ Σ {x_j : v_j ≥ u_l}, and the objective Σ weight·(u_l − u_{l−1})·y_l. Maximising drives
 * y_l to 1 exactly when a built candidate reaches level l, so the program's optimum is the
 * measure's. The answer's coveredKm2 is recomputed from the chosen set, not read off the solver.
 *
 * Synchronous and CPU-heavy (seconds on a small county): for tests and benchmarks, or a worker.
 */
export async function maxCoverOptimum(
  instance: MaxCoverInstance,
  counts: readonly number[],
  options: MaxCoverOptions = {},
): Promise<MaxCoverOptimum[]> {
  const solver = await (highs ??= loadHighs())
  const n = instance.candidates
  const cost: number[] = new Array<number>(n).fill(0)
  const starts = [0, n]
  const indices: number[] = Array.from({ length: n }, (_, j) => j)
  const values: number[] = new Array<number>(n).fill(1)
  for (const { weight, base, sites, values: shares } of instance.elements) {
    const levels = [...new Set(shares)].sort((a, b) => a - b)
    let below = base
    for (const level of levels) {
      const y = cost.length
      cost.push(weight * (level - below))
      below = level
      indices.push(y)
      values.push(1)
      sites.forEach((site, j) => {
        if ((shares[j] as number) < level) return
        indices.push(site)
        values.push(-1)
      })
      starts.push(indices.length)
    }
  }
  const numCols = cost.length
  const numRows = starts.length - 1
  const model = solver.createModel({
    numCols,
    numRows,
    sense: solver.constants.objectiveSense.maximize,
    colCost: cost,
    colLower: new Array<number>(numCols).fill(0),
    colUpper: new Array<number>(numCols).fill(1),
    rowLower: new Array<number>(numRows).fill(-solver.infinity),
    rowUpper: new Array<number>(numRows).fill(0),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    integrality: Array.from({ length: numCols }, (_, j) =>
      j < n ? solver.constants.variableType.integer : solver.constants.variableType.continuous,
    ),
  })
  try {
    // Presolve costs more than it saves on these programs (16 s against 2 s on 上城区, R = 1 km).
    model.options.set({ output_flag: false, mip_rel_gap: MIP_REL_GAP, presolve: 'off' })
    if (options.timeLimitS !== undefined) model.options.set({ time_limit: options.timeLimitS })
    return counts.map((k) => {
      model.changeRowBounds(0, -solver.infinity, k)
      model.zeroAllClocks()
      model.run()
      const status = model.getModelStatus()
      const optimal = status === solver.constants.modelStatus.optimal
      if (!optimal && status !== solver.constants.modelStatus.timeLimit) {
        throw new Error(`HiGHS ended with status ${status} for k = ${k}`)
      }
      const x = model.getSolution().colValue
      const chosen: number[] = []
      for (let j = 0; j < n; j++) if ((x[j] as number) > 0.5) chosen.push(j)
      return { k, chosen, coveredKm2: coveredWeight(instance, chosen), optimal }
    })
  } finally {
    model.dispose()
  }
}
