import { createContext, use, useContext } from 'react'
import type { Messages } from './messages.ts'
import { zhCN } from './zh-CN.ts'

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]

// Chinese is the default and ships with the page; English loads when asked for, so Chinese
// readers on mobile data never download it.
const messages = new Map<Lang, Messages | Promise<Messages>>([['zh-CN', zhCN]])

/** The strings of `lang`; suspends (inside a Suspense boundary) while they load. */
export function useMessages(lang: Lang): Messages {
  let m = messages.get(lang)
  if (m === undefined) {
    const loading = import('./en.ts').then(({ en }) => {
      messages.set(lang, en)
      return en
    })
    messages.set(lang, loading)
    m = loading
  }
  return m instanceof Promise ? use(m) : m
}

export const I18nContext = createContext<Messages>(zhCN)

/** The strings of the current language. */
export function useT(): Messages {
  return useContext(I18nContext)
}
