import { useEffect, useRef, useState } from 'react'

export type IdlePhase = 'active' | 'idle' | 'dim'

/** Offsets (px) the dimmed layout drifts through, so no pixel shows the same thing for hours. */
export const DRIFT_PX: readonly (readonly [number, number])[] = [
  [0, 0],
  [4, 2],
  [6, -3],
  [1, -5],
  [-4, -2],
  [-6, 3],
  [-2, 5],
]
const DRIFT_EVERY_MS = 30_000

/**
 * Watches for touches: `idleMs` after the last one calls `onIdle` (return to the home view),
 * `dimMs` after it the phase becomes 'dim'. Returns the phase and the drift offset while dim.
 */
export function useIdle(
  idleMs: number,
  dimMs: number,
  onIdle: () => void,
): { phase: IdlePhase; drift: readonly [number, number] } {
  const [phase, setPhase] = useState<IdlePhase>('active')
  const [step, setStep] = useState(0)
  const latest = useRef(onIdle)
  latest.current = onIdle
  useEffect(() => {
    let idleTimer: ReturnType<typeof setTimeout> | undefined
    let dimTimer: ReturnType<typeof setTimeout> | undefined
    const arm = () => {
      clearTimeout(idleTimer)
      clearTimeout(dimTimer)
      setPhase('active')
      idleTimer = setTimeout(() => {
        setPhase('idle')
        latest.current()
      }, idleMs)
      dimTimer = setTimeout(() => setPhase('dim'), dimMs)
    }
    arm()
    window.addEventListener('pointerdown', arm, { capture: true })
    window.addEventListener('keydown', arm, { capture: true })
    return () => {
      clearTimeout(idleTimer)
      clearTimeout(dimTimer)
      window.removeEventListener('pointerdown', arm, { capture: true })
      window.removeEventListener('keydown', arm, { capture: true })
    }
  }, [idleMs, dimMs])
  useEffect(() => {
    if (phase !== 'dim') return
    const timer = setInterval(() => setStep((s) => (s + 1) % DRIFT_PX.length), DRIFT_EVERY_MS)
    return () => clearInterval(timer)
  }, [phase])
  return { phase, drift: phase === 'dim' ? DRIFT_PX[step]! : DRIFT_PX[0]! }
}
