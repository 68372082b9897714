import { createContext, use, useContext } from 'react'
import type { AdminMessages, BaseMessages, KioskMessages, Messages } from './messages.ts'
import { zhCN } from './zh-CN.ts'

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]

/** The strings a page gets: every page's, plus the planner's or the kiosk's on those pages. */
export type PageMessages = BaseMessages & {
  planner?: Messages['planner']
  kiosk?: KioskMessages
  admin?: AdminMessages
}
/** Strings that load with their page rather than with the finder. */
interface PartMessages {
  planner: Messages['planner']
  kiosk: KioskMessages
  admin: AdminMessages
}
export type PagePart = keyof PartMessages

// Chinese is the default and ships with the page; English loads when asked for, so Chinese
// readers on mobile data never download it. The planner's and the kiosk's strings load with
// their page, so the finder's first load does not carry them.
const base = new Map<Lang, BaseMessages | Promise<BaseMessages>>([['zh-CN', zhCN]])
const parts = new Map<string, Promise<PartMessages[PagePart]> | PartMessages[PagePart]>()
const full = new Map<string, PageMessages | Promise<PageMessages>>()

const settle = <K, T>(map: Map<K, T | Promise<T>>, key: K, load: () => Promise<T>) => {
  let m = map.get(key)
  if (m === undefined) {
    const loading = load().then((value) => {
      map.set(key, value)
      return value
    })
    map.set(key, loading)
    m = loading
  }
  return m
}

const baseOf = (lang: Lang) => settle(base, lang, () => import('./en.ts').then((m) => m.en))
const LOAD_PART: { [P in PagePart]: Record<Lang, () => Promise<PartMessages[P]>> } = {
  planner: {
    en: () => import('./en-planner.ts').then((m) => m.enPlanner),
    'zh-CN': () => import('./zh-CN-planner.ts').then((m) => m.zhCNPlanner),
  },
  kiosk: {
    en: () => import('./en-kiosk.ts').then((m) => m.enKiosk),
    'zh-CN': () => import('./zh-CN-kiosk.ts').then((m) => m.zhCNKiosk),
  },
  admin: {
    en: () => import('./en-admin.ts').then((m) => m.enAdmin),
    'zh-CN': () => import('./zh-CN-admin.ts').then((m) => m.zhCNAdmin),
  },
}
const partOf = (part: PagePart, lang: Lang) =>
  settle(parts, `${part}:${lang}`, LOAD_PART[part][lang])

/** The strings of `lang` (with a page's own part when asked); suspends while they load. */
export function useMessages(lang: Lang, part: PagePart | null = null): PageMessages {
  if (part === null) {
    const m = baseOf(lang)
    return m instanceof Promise ? use(m) : m
  }
  const m = settle(full, `${part}:${lang}`, async () => {
    const [b, p] = await Promise.all([baseOf(lang), partOf(part, lang)])
    return { ...b, [part]: p }
  })
  return m instanceof Promise ? use(m) : m
}

export const I18nContext = createContext<PageMessages>(zhCN)

/** The strings of the current language. */
export function useT(): BaseMessages {
  return useContext(I18nContext)
}

/** The strings of the current language with the planner's: only inside the planner's Shell. */
export function usePlannerT(): Messages {
  const t = useContext(I18nContext)
  if (!t.planner) throw new Error('usePlannerT outside the planner page')
  return t as Messages
}

/** The strings of the current language with the kiosk's: only inside the kiosk page. */
export function useKioskT(): BaseMessages & { kiosk: KioskMessages } {
  const t = useContext(I18nContext)
  if (!t.kiosk) throw new Error('useKioskT outside the kiosk page')
  return t as BaseMessages & { kiosk: KioskMessages }
}

/** The strings of the current language with the admin's: only inside the admin page. */
export function useAdminT(): BaseMessages & { admin: AdminMessages } {
  const t = useContext(I18nContext)
  if (!t.admin) throw new Error('useAdminT outside the admin page')
  return t as BaseMessages & { admin: AdminMessages }
}
