import { createContext, useContext } from 'react'
import type { Messages } from './messages.ts'
import { zhCN } from './zh-CN.ts'
import { en } from './en.ts'

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]

export const MESSAGES: Record<Lang, Messages> = { 'zh-CN': zhCN, en }

export const I18nContext = createContext<Messages>(zhCN)

/** The strings of the current language. */
export function useT(): Messages {
  return useContext(I18nContext)
}
