import { useCallback, useEffect, useState } from 'react'

/**
 * A page's state mirrored into the address bar, so a link reproduces what the sender saw.
 * replaceState, not pushState: panning and clicking must not flood the history. Each page
 * brings its own parse (lenient: bad values fall back to defaults) and serialize.
 */
export function useUrlState<S>(
  parse: (search: string) => S,
  serialize: (state: S) => string,
): [S, (patch: Partial<S>) => void] {
  const [state, setState] = useState(() => parse(window.location.search))
  useEffect(() => {
    const onPop = () => setState(parse(window.location.search))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [parse])
  useEffect(() => {
    const query = serialize(state)
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`
    if (url !== `${window.location.pathname}${window.location.search}`) {
      window.history.replaceState(null, '', url)
    }
  }, [state, serialize])
  const update = useCallback((patch: Partial<S>) => setState((s) => ({ ...s, ...patch })), [])
  return [state, update]
}
