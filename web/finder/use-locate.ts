import { useCallback, useState } from 'react'
import type { UserPosition } from '../map/map-view.tsx'

export type LocateState =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'ok'; position: UserPosition }
  | { status: 'error'; reason: 'denied' | 'unavailable' | 'timeout' }

/** Browser geolocation, once per tap; denial is a normal outcome, not a crash. */
export function useLocate(onFound: (p: UserPosition) => void): [LocateState, () => void] {
  const [state, setState] = useState<LocateState>({ status: 'idle' })
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
  return [state, locate]
}
