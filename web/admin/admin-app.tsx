// First: zod is told not to probe for eval before any schema is built (see zod-config.ts).
import '../zod-config.ts'
import { useState } from 'react'
import { LANGS } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'
import { Shell } from '../ui/shell.tsx'
import { AdminPage } from './admin-page.tsx'
import './admin.css'

const langOf = (search: string): Lang => {
  const l = new URLSearchParams(search).get('lang')
  return LANGS.find((x) => x === l) ?? 'zh-CN'
}

/** The /admin route: editors keep their counties' records. Loaded lazily by app.tsx. */
export function AdminApp() {
  const [lang, setLang] = useState(() => langOf(window.location.search))
  const onLang = (next: Lang) => {
    setLang(next)
    const url = new URL(window.location.href)
    if (next === 'zh-CN') url.searchParams.delete('lang')
    else url.searchParams.set('lang', next)
    window.history.replaceState(null, '', url)
  }
  return (
    <Shell page="admin" lang={lang} onLang={onLang}>
      <AdminPage />
    </Shell>
  )
}
