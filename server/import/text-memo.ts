/**
 * Memoises a reader of cell text. Registers repeat a few values down a column (service lists,
 * kinds, hosts, dates), so reading each distinct text once saves most of the work; the memo is
 * emptied when full, so a column of distinct values cannot grow it without end.
 */
export function memoizeText<T>(read: (text: string) => T, limit = 10_000): (text: string) => T {
  const memo = new Map<string, T>()
  return (text) => {
    let value = memo.get(text)
    if (value === undefined && !memo.has(text)) {
      if (memo.size >= limit) memo.clear()
      value = read(text)
      memo.set(text, value)
    }
    return value as T
  }
}
