import { lazy, Suspense } from 'react'
import { useUrlState } from './map/use-url-state.ts'
import { parseUrlState, serializeUrlState } from './map/url-state.ts'
import { FinderPage } from './finder/finder-page.tsx'
import { Shell } from './ui/shell.tsx'

// The planner (and its chart library) loads only on /planner, never in the finder's bundle.
const PlannerApp = lazy(() =>
  import('./planner/planner-app.tsx').then((m) => ({ default: m.PlannerApp })),
)

/**
 * Router: /planner is the planner's page, everything else the worker's finder. Either may wait
 * for its code, or for the English strings (i18n.ts), before the first paint.
 */
export function App() {
  const path = window.location.pathname.replace(/\/+$/, '')
  return (
    <Suspense fallback={<div className="app-loading" role="status" aria-busy="true" />}>
      {path === '/planner' ? <PlannerApp /> : <FinderApp />}
    </Suspense>
  )
}

function FinderApp() {
  const [state, update] = useUrlState(parseUrlState, serializeUrlState)
  return (
    <Shell page="finder" lang={state.lang} onLang={(lang) => update({ lang })}>
      <FinderPage state={state} update={update} />
    </Shell>
  )
}
