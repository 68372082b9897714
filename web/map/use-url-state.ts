import { useCallback, useEffect, useRef, useState } from 'react'

/** Marks the history entries this hook pushed, so a page can step back over its own. */
const PUSHED = 'waystationPushed'

/** Whether the current history entry was pushed by an update with `push` (not the page's first). */
export const onPushedEntry = (): boolean =>
  (window.history.state as Record<string, unknown> | null)?.[PUSHED] === true

/**
 * A page's state mirrored into the address bar, so a link reproduces what the sender saw.
 * replaceState by default: panning and clicking must not flood the history; an update with
 * `{ push: true }` (opening something Back should close) pushes a new entry. Each page brings
 * its own parse (lenient: bad values fall back to defaults) and serialize, and may say what a
 * Back or Forward takes from the entry it lands on (default: everything).
 */
export function useUrlState<S>(
  parse: (search: string) => S,
  serialize: (state: S) => string,
  onPop: (current: S, popped: S) => S = (_, popped) => popped,
): [S, (patch: Partial<S>, how?: { push: boolean }) => void] {
  const [state, setState] = useState(() => parse(window.location.search))
  const push = useRef(false)
  useEffect(() => {
    const pop = () => setState((current) => onPop(current, parse(window.location.search)))
    window.addEventListener('popstate', pop)
    return () => window.removeEventListener('popstate', pop)
  }, [parse, onPop])
  useEffect(() => {
    const query = serialize(state)
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`
    if (url !== `${window.location.pathname}${window.location.search}`) {
      if (push.current) window.history.pushState({ [PUSHED]: true }, '', url)
      // Keep the entry's mark: a pushed entry stays one when its other settings change.
      else window.history.replaceState(window.history.state, '', url)
    }
    push.current = false
  }, [state, serialize])
  const update = useCallback((patch: Partial<S>, how?: { push: boolean }) => {
    if (how?.push) push.current = true
    setState((s) => ({ ...s, ...patch }))
  }, [])
  return [state, update]
}
