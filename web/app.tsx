import { useEffect } from 'react'
import { Languages, TriangleAlert } from 'lucide-react'
import { fetchSampleFlag } from './api/client.ts'
import { useRequest } from './api/use-request.ts'
import { I18nContext, MESSAGES } from './i18n/i18n.ts'
import { useUrlState } from './map/use-url-state.ts'
import { FinderPage } from './finder/finder-page.tsx'

/** Shell: language, the sample-data notice, and the finder page. */
export function App() {
  const [state, update] = useUrlState()
  const t = MESSAGES[state.lang]
  const health = useRequest('health', (signal) => fetchSampleFlag(signal))
  useEffect(() => {
    document.documentElement.lang = t.lang
    document.title = t.appName
  }, [t])
  // Until the server says otherwise, assume sample data: never imply fake stations are real.
  const sample = health.status !== 'ok' || health.data

  return (
    <I18nContext.Provider value={t}>
      <div className="app">
        <header className="topbar">
          <h1>{t.appName}</h1>
          <button
            type="button"
            className="lang-btn"
            lang={state.lang === 'en' ? 'zh-CN' : 'en'}
            onClick={() => update({ lang: state.lang === 'en' ? 'zh-CN' : 'en' })}
          >
            <Languages aria-hidden size={18} /> {t.switchLanguage}
          </button>
        </header>
        {sample && (
          <p className="sample-notice" role="note">
            <TriangleAlert aria-hidden size={16} /> {t.sampleNotice}
          </p>
        )}
        <FinderPage state={state} update={update} />
      </div>
    </I18nContext.Provider>
  )
}
