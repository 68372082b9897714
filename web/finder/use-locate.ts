import { useCallback, useState } from 'react'
import type { UserPosition } from '../map/map-view.tsx'

export type LocateState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'ok'; position: UserPosition }
  | { status: 'error'; reason: 'denied' | 'unavailable' | 'timeout' }

/**
 * Browser geolocation, once per tap; denial is a normal outcome, not a crash. `dismiss` clears
 * a failure notice once the user has found another way (tapped the map, searched).
 */
export function useLocate(
  onFound: (p: UserPosition) => void,
): [LocateState, () => void, () => void] {
  const [state, setState] = useState<LocateState>({ status: 'idle' })
  const dismiss = useCallback(
    () => setState((s) => (s.status === 'error' ? { status: 'idle' } : s)),
    [],
  )
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'error', reason: 'unavailable' })
      return
    }
    setState({ status: 'locating' })
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const position = {
          lonLat: [pos.coords.longitude, pos.coords.latitude] as [number, number],
          accuracyM: pos.coords.accuracy,
        }
        setState({ status: 'ok', position })
        onFound(position)
      },
      (err) => {
        const reason =
          err.code === err.PERMISSION_DENIED
            ? 'denied'
            : err.code === err.TIMEOUT
              ? 'timeout'
              : 'unavailable'
        setState({ status: 'error', reason })
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    )
  }, [onFound])
  return [state, locate, dismiss]
}

/** True when the browser would locate without asking (so doing it on page load is no prompt). */
export async function locationGranted(): Promise<boolean> {
  try {
    const status = await navigator.permissions.query({ name: 'geolocation' })
    return status.state === 'granted'
  } catch {
    return false // no Permissions API: we cannot know, so we do not ask unprompted
  }
}
