import { createContext, use, useContext } from 'react'
import type { BaseMessages, Messages } from './messages.ts'
import { zhCN } from './zh-CN.ts'

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]

/** The strings a page gets: every page's, plus the planner's on the planner. */
export type PageMessages = BaseMessages & { planner?: Messages['planner'] }

// Chinese is the default and ships with the page; English loads when asked for, so Chinese
// readers on mobile data never download it. The planner's strings load with the planner, so
// the finder's first load does not carry them.
const base = new Map<Lang, BaseMessages | Promise<BaseMessages>>([['zh-CN', zhCN]])
const planner = new Map<Lang, Promise<Messages['planner']> | Messages['planner']>()
const full = new Map<Lang, Messages | Promise<Messages>>()

const settle = <T>(map: Map<Lang, T | Promise<T>>, lang: Lang, load: () => Promise<T>) => {
  let m = map.get(lang)
  if (m === undefined) {
    const loading = load().then((value) => {
      map.set(lang, value)
      return value
    })
    map.set(lang, loading)
    m = loading
  }
  return m
}

const baseOf = (lang: Lang) => settle(base, lang, () => import('./en.ts').then((m) => m.en))
const plannerOf = (lang: Lang) =>
  settle(planner, lang, () =>
    lang === 'en'
      ? import('./en-planner.ts').then((m) => m.enPlanner)
      : import('./zh-CN-planner.ts').then((m) => m.zhCNPlanner),
  )

/** The strings of `lang` (with the planner's when asked); suspends while they load. */
export function useMessages(lang: Lang, withPlanner = false): PageMessages {
  if (!withPlanner) {
    const m = baseOf(lang)
    return m instanceof Promise ? use(m) : m
  }
  const m = settle(full, lang, async () => {
    const [b, p] = await Promise.all([baseOf(lang), plannerOf(lang)])
    return { ...b, planner: p }
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
