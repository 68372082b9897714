import { describe, expect, it } from 'vitest'
import { agoText, trustLines } from '../../web/ui/trust-text.ts'
import { zhCN } from '../../web/i18n/zh-CN.ts'
import { zhCNTrust } from '../../web/i18n/zh-CN-trust.ts'

// 2026-07-02 09:00 in Shanghai.
const NOW = new Date('2026-07-02T01:00:00Z')
const at = (iso: string) => new Date(iso).toISOString()

describe('agoText', () => {
  it.each([
    ['2026-07-02T00:59:30Z', '刚刚'],
    ['2026-07-02T00:15:00Z', '45 分钟前'],
    ['2026-07-01T16:30:00Z', '8 小时前'], // 00:30 today in Shanghai
    ['2026-07-01T15:30:00Z', '昨天'], // 23:30 yesterday in Shanghai, not "9 小时前"
    ['2026-06-30T02:00:00Z', '2 天前'],
  ])('%s is %s', (iso, text) => expect(agoText(at(iso), NOW, zhCNTrust)).toBe(text))
})

describe('trustLines', () => {
  it('says when it was confirmed open and what was reported since', () => {
    expect(
      trustLines(
        {
          lastConfirmedAt: null,
          openReports: { locked: 2, other: 1 },
          latestReport: { type: 'locked', createdAt: at('2026-07-01T03:00:00Z') },
        },
        NOW,
        zhCN,
      ),
    ).toEqual([{ tone: 'problem', text: '昨天有人报告锁门（共 2 条）' }])
    expect(
      trustLines(
        {
          lastConfirmedAt: at('2026-06-30T03:00:00Z'),
          openReports: { closed: 1, amenity_missing: 1 },
          latestReport: { type: 'amenity_missing', createdAt: at('2026-07-02T00:30:00Z') },
        },
        NOW,
        zhCN,
      ),
    ).toEqual([
      { tone: 'ok', text: '2 天前确认开放' },
      { tone: 'problem', text: '有人报告已关闭' },
      { tone: 'note', text: '30 分钟前有人报告缺少设施' },
    ])
  })
})
