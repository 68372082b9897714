import type { Trust } from '../../server/domain/report.ts'
import { openProblemOf } from '../../server/domain/trust.ts'
import type { BaseMessages, TrustMessages } from '../i18n/messages.ts'
import { enTrust } from '../i18n/en-trust.ts'
import { zhCNTrust } from '../i18n/zh-CN-trust.ts'

/** The card's and the kiosk's strings for access and reports, in the page's language. */
export const trustMessages = (t: BaseMessages): TrustMessages =>
  t.lang === 'en' ? enTrust : zhCNTrust

const SHANGHAI_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000
/** The Shanghai calendar day an instant falls on (China keeps no summer time). */
const shanghaiDay = (ms: number) => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS)

/** "刚刚", "5 分钟前", "3 小时前" (today), "昨天", "2 天前": by Shanghai calendar days. */
export function agoText(iso: string, now: Date, m: TrustMessages): string {
  const at = Date.parse(iso)
  const minutes = Math.floor((now.getTime() - at) / 60_000)
  if (minutes < 1) return m.ago.now
  if (minutes < 60) return m.ago.minutes(minutes)
  const days = shanghaiDay(now.getTime()) - shanghaiDay(at)
  if (days <= 0) return m.ago.hours(Math.floor(minutes / 60))
  return days === 1 ? m.ago.yesterday : m.ago.days(days)
}

export interface TrustLine {
  /** ok: confirmed open; problem: locked, not found or closed; note: anything else. */
  tone: 'ok' | 'problem' | 'note'
  text: string
}

/**
 * The trust signal in words: the last confirmation; an unresolved locked / not found / closed
 * report (dated when it is the newest report); the newest other report (a missing amenity).
 */
export function trustLines(trust: Trust, now: Date, t: BaseMessages): TrustLine[] {
  const m = trustMessages(t)
  const lines: TrustLine[] = []
  if (trust.lastConfirmedAt !== null) {
    lines.push({ tone: 'ok', text: m.confirmed(agoText(trust.lastConfirmedAt, now, m)) })
  }
  const latest = trust.latestReport
  const count = (type: keyof BaseMessages['trust']['what']) => {
    const n = trust.openReports[type] ?? 1
    return n > 1 ? m.count(n) : ''
  }
  const problem = openProblemOf(trust)
  if (problem !== null && latest?.type !== problem) {
    lines.push({ tone: 'problem', text: t.trust.flag(t.trust.what[problem]) + count(problem) })
  }
  if (latest !== null && latest.type !== 'confirmed_open') {
    lines.push({
      tone: latest.type === problem ? 'problem' : 'note',
      text:
        m.reported(t.trust.what[latest.type], agoText(latest.createdAt, now, m)) +
        count(latest.type),
    })
  }
  return lines
}
