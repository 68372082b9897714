/**
 * Splits `total` into non-negative integers proportional to `weights` (largest remainder,
 * ties to the lower index), after giving every slot `minEach` first, or as many as the total
 * allows. The parts always sum to `total`.
 */
export function apportion(total: number, weights: readonly number[], minEach = 0): number[] {
  const n = weights.length
  if (n === 0) {
    if (total > 0) throw new Error('cannot apportion a positive total over no slots')
    return []
  }
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new Error('weights must be finite and non-negative')
  }
  const base = Math.min(minEach, Math.floor(total / n))
  const parts = new Array<number>(n).fill(base)
  const rest = total - base * n
  const sum = weights.reduce((a, b) => a + b, 0)
  // With no weight at all, share evenly.
  const w = sum > 0 ? weights : weights.map(() => 1)
  const wSum = sum > 0 ? sum : n
  const quotas = w.map((x) => (rest * x) / wSum)
  let given = 0
  quotas.forEach((q, i) => {
    const whole = Math.floor(q)
    parts[i]! += whole
    given += whole
  })
  const order = quotas
    .map((q, i) => ({ frac: q - Math.floor(q), i }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (let k = 0; k < rest - given; k++) parts[(order[k] as { i: number }).i]! += 1
  return parts
}
