import { startTransition, useEffect } from 'react'
import type { ReactNode } from 'react'
import { Languages, TriangleAlert } from 'lucide-react'
import { fetchSampleFlag } from '../api/client.ts'
import { useRequest } from '../api/use-request.ts'
import { I18nContext, useMessages } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'
import type { PageMessages } from '../i18n/i18n.ts'

export type Page = 'finder' | 'planner' | 'admin' | 'not-found'

export interface ShellProps {
  page: Page
  lang: Lang
  onLang: (lang: Lang) => void
  /** The page's own wording of the sample-data notice (the default suits the finder). */
  sampleNotice?: (t: PageMessages) => string
  children: ReactNode
}

/** Every page's frame: title, links between the pages, language, the sample-data notice. */
export function Shell({ page, lang, onLang, sampleNotice, children }: ShellProps) {
  const t = useMessages(lang, page === 'planner' || page === 'admin' ? page : null)
  const health = useRequest('health', (signal) => fetchSampleFlag(signal))
  const pageTitle = t.planner?.title ?? t.admin?.title
  const title = pageTitle ? `${pageTitle} · ${t.appName}` : t.appName
  useEffect(() => {
    document.documentElement.lang = t.lang
    document.title = title
  }, [t, title])
  // Until the server says otherwise, assume sample data: never imply fake stations are real.
  const sample = health.status !== 'ok' || health.data
  const langQuery = lang === 'zh-CN' ? '' : `?lang=${lang}`
  const other: Lang = lang === 'en' ? 'zh-CN' : 'en'

  return (
    <I18nContext.Provider value={t}>
      <div className={`app app-${page}`}>
        {/* One banner landmark for the bar and the notice, so screen readers find both. */}
        <header className="page-head">
          <div className="topbar">
            <h1>{t.appName}</h1>
            <nav className="page-nav" aria-label={t.appName}>
              <a href={`/${langQuery}`} aria-current={page === 'finder' ? 'page' : undefined}>
                {t.nav.finder}
              </a>
              <a
                href={`/planner${langQuery}`}
                aria-current={page === 'planner' ? 'page' : undefined}
              >
                {t.nav.planner}
              </a>
            </nav>
            <button
              type="button"
              className="lang-btn"
              lang={other}
              onClick={() => startTransition(() => onLang(other))}
            >
              <Languages aria-hidden size={18} /> {t.switchLanguage}
            </button>
          </div>
          {sample && (
            <p className="sample-notice" role="note">
              <TriangleAlert aria-hidden size={16} /> {sampleNotice?.(t) ?? t.sampleNotice}
            </p>
          )}
        </header>
        {children}
      </div>
    </I18nContext.Provider>
  )
}
