import { lazy, Suspense } from 'react'
import { useT } from '../i18n/i18n.ts'
import { Loading } from '../ui/status.tsx'
import type { ChildcarePanelProps } from './childcare-panel.tsx'
import type { StationCardProps } from './station-card.tsx'

// Neither is on the finder's first screen, and the card brings geodesy and datum conversions:
// both load on demand (and after the map, ahead of a tap), keeping the first load small.
const loadCard = () => import('./station-card.tsx')
const loadChildcare = () => import('./childcare-panel.tsx')
const Card = lazy(() => loadCard().then((m) => ({ default: m.StationCard })))
const Childcare = lazy(() => loadChildcare().then((m) => ({ default: m.ChildcarePanel })))

/** Fetch both chunks now, so a tap later opens at once. */
export function preloadPanels() {
  void loadCard()
  void loadChildcare()
}

export function StationCard(props: StationCardProps) {
  const t = useT()
  return (
    <Suspense
      fallback={
        <div className="card">
          <Loading>{t.card.loading}</Loading>
        </div>
      }
    >
      <Card {...props} />
    </Suspense>
  )
}

export function ChildcarePanel(props: ChildcarePanelProps) {
  const t = useT()
  return (
    <Suspense fallback={<Loading>{t.childcare.loading}</Loading>}>
      <Childcare {...props} />
    </Suspense>
  )
}
