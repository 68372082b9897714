/** Content codings we keep precompressed variants in, most compact first. */
export const CODINGS = ['br', 'gzip'] as const
export type Coding = (typeof CODINGS)[number]

/**
 * The codings a client accepts (RFC 9110 §12.5.3), best first: by q-value, and at equal q in
 * the order of `CODINGS` then identity. `*` stands for any coding not listed; identity is
 * acceptable unless refused explicitly (`identity;q=0`, or `*;q=0` without naming it). A
 * malformed q-value counts as 0.
 */
export function acceptedCodings(header: string | undefined): (Coding | 'identity')[] {
  const q = new Map<string, number>()
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (name === '') continue
    const qParam = params.find((p) => p.startsWith('q='))
    const value = qParam === undefined ? 1 : Number(qParam.slice(2))
    q.set(name, Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0)
  }
  const star = q.get('*')
  // Unnamed identity ranks with the least preferred coding the client did name.
  const identity = Math.min(1, ...[...q.values()].filter((v) => v > 0))
  const weight = (coding: string) => q.get(coding) ?? star ?? (coding === 'identity' ? identity : 0)
  const ranked = [...CODINGS, 'identity' as const]
    .map((coding, order) => ({ coding, order, q: weight(coding) }))
    .filter((c) => c.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  return ranked.map((c) => c.coding)
}
