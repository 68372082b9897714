/**
 * Reads a register's word for something as one of our codes: the code itself, else the first
 * rule whose keyword the text contains (rules are ordered most specific first).
 */
export function matchKeywords<T extends string>(
  text: string,
  codes: readonly T[],
  rules: readonly (readonly [RegExp, T])[],
): T | null {
  const t = text.normalize('NFKC').trim()
  const code = codes.find((c) => c === t.toLowerCase())
  if (code !== undefined) return code
  for (const [keywords, value] of rules) if (keywords.test(t)) return value
  return null
}
