import { lazy, Suspense } from 'react'
import { PAGE_PATHS } from '../server/domain/pages.ts'
import { useUrlState } from './map/use-url-state.ts'
import { parseUrlState, serializeUrlState } from './map/url-state.ts'
import { FinderPage } from './finder/finder-page.tsx'
import { Shell } from './ui/shell.tsx'
import { NotFoundPage } from './ui/not-found-page.tsx'

// The planner (and its chart library) loads only on /planner, never in the finder's bundle;
// the kiosk likewise on /kiosk and /kiosk/<parkId>, the admin on /admin.
const PlannerApp = lazy(() =>
  import('./planner/planner-app.tsx').then((m) => ({ default: m.PlannerApp })),
)
const KioskApp = lazy(() => import('./kiosk/kiosk-app.tsx').then((m) => ({ default: m.KioskApp })))
// The web admin (its forms, zod and the shared schemas) only on /admin.
const AdminApp = lazy(() => import('./admin/admin-app.tsx').then((m) => ({ default: m.AdminApp })))

/**
 * Router: the pages of PAGE_PATHS (the server serves the app for those), else not found. Either
 * page may wait for its code, or for the English strings (i18n.ts), before the first paint.
 */
export function App() {
  const path = window.location.pathname.replace(/(.)\/+$/, '$1')
  return (
    <Suspense fallback={<div className="app-loading" role="status" aria-busy="true" />}>
      {path === PAGE_PATHS.planner ? (
        <PlannerApp />
      ) : path === PAGE_PATHS.kiosk || path.startsWith(`${PAGE_PATHS.kiosk}/`) ? (
        <KioskApp />
      ) : path === PAGE_PATHS.admin ? (
        <AdminApp />
      ) : path === PAGE_PATHS.finder ? (
        <FinderApp />
      ) : (
        <NotFoundApp />
      )}
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

function NotFoundApp() {
  const [state, update] = useUrlState(parseUrlState, serializeUrlState)
  return (
    <Shell page="not-found" lang={state.lang} onLang={(lang) => update({ lang })}>
      <NotFoundPage langQuery={state.lang === 'zh-CN' ? '' : `?lang=${state.lang}`} />
    </Shell>
  )
}
