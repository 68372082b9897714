import { startTransition, useEffect, useState } from 'react'
import type { Park } from '../../server/domain/park.ts'
import type { KioskConfig } from '../../server/domain/kiosk.ts'
import { ApiError } from '../api/client.ts'
import { fetchKioskConfig, fetchPark } from '../api/kiosk-client.ts'
import { I18nContext, useKioskT, useMessages } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'
import { parseKioskTarget } from './kiosk-target.ts'
import type { KioskPlace, KioskTarget } from './kiosk-target.ts'
import { KioskPage } from './kiosk-page.tsx'
import { registerKioskServiceWorker } from './register-kiosk-sw.ts'
import './kiosk.css'

/** How soon to try again when the first requests (config, park) find the server down. */
const START_RETRY_MS = 5_000

type Start =
  | { status: 'loading' }
  | { status: 'ready'; place: KioskPlace; config: KioskConfig }
  | { status: 'no-park'; parkId: string }
  | { status: 'unreachable' }

/**
 * The /kiosk and /kiosk/<parkId> routes: a wall screen with nobody to tend it. Loaded lazily
 * by app.tsx. It reads its place once from the URL; a bad URL gets a full-screen explanation.
 */
export function KioskApp() {
  const [target] = useState(() =>
    parseKioskTarget(window.location.pathname.replace(/(.)\/+$/, '$1'), window.location.search),
  )
  const [lang, setLang] = useState<Lang>(target.lang)
  useEffect(registerKioskServiceWorker, [])
  // Last: it may suspend, and React can fail replaying hooks that follow a suspended use()
  // on mount (error 467, seen when a reload is answered from the service worker's cache).
  const t = useMessages(lang, 'kiosk')
  const onLang = () => startTransition(() => setLang((l) => (l === 'en' ? 'zh-CN' : 'en')))
  return (
    <I18nContext.Provider value={t}>
      <KioskStart target={target} lang={lang} onLang={onLang} />
    </I18nContext.Provider>
  )
}

function KioskStart({
  target,
  lang,
  onLang,
}: {
  target: KioskTarget
  lang: Lang
  onLang: () => void
}) {
  const t = useKioskT()
  useEffect(() => {
    document.documentElement.lang = t.lang
    document.title = `${t.kiosk.title} · ${t.appName}`
  }, [t])
  const start = useStart(target)
  if (target.kind === 'invalid') {
    return <KioskProblem message={t.kiosk.problem.badParameter(target.parameter)} example />
  }
  switch (start.status) {
    case 'loading':
      return <div className="kiosk-screen kiosk-loading" role="status" aria-busy="true" />
    case 'no-park':
      return <KioskProblem message={t.kiosk.problem.noPark(start.parkId)} example />
    case 'unreachable':
      return <KioskProblem message={t.kiosk.problem.unreachable} />
    case 'ready':
      return <KioskPage place={start.place} config={start.config} lang={lang} onLang={onLang} />
  }
}

/** The kiosk's settings and, for a park, its record; retried until the server answers. */
function useStart(target: KioskTarget): Start {
  const [start, setStart] = useState<Start>({ status: 'loading' })
  useEffect(() => {
    if (target.kind === 'invalid') return
    const ctrl = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const attempt = async () => {
      try {
        const [config, place] = await Promise.all([
          fetchKioskConfig(ctrl.signal),
          target.kind === 'park'
            ? fetchPark(target.parkId, ctrl.signal).then(parkPlace)
            : Promise.resolve(target.place),
        ])
        setStart({ status: 'ready', place, config })
      } catch (err) {
        if (ctrl.signal.aborted) return
        if (err instanceof ApiError && err.status === 404 && target.kind === 'park') {
          setStart({ status: 'no-park', parkId: target.parkId })
          return
        }
        setStart({ status: 'unreachable' })
        timer = setTimeout(attempt, START_RETRY_MS)
      }
    }
    void attempt()
    return () => {
      ctrl.abort()
      clearTimeout(timer)
    }
  }, [target])
  return start
}

const parkPlace = (p: Park): KioskPlace => ({
  name: p.name,
  lon: p.lon,
  lat: p.lat,
  facingDeg: p.facingDeg,
})

/** A full-screen message: what is wrong, and what a correct link looks like. */
function KioskProblem({ message, example = false }: { message: string; example?: boolean }) {
  const t = useKioskT()
  return (
    <main className="kiosk-screen kiosk-problem" role="alert">
      <h1>{t.kiosk.problem.title}</h1>
      <p>{message}</p>
      {example && <p className="kiosk-problem-example">{t.kiosk.problem.example}</p>}
    </main>
  )
}
