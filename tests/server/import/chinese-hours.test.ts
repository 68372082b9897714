import fc from 'fast-check'
import { describe, expect, it, test } from 'vitest'
import { chineseHoursToOsm } from '../../../server/import/chinese-hours.ts'
import { isOpenAt, isValidOpeningHours } from '../../../server/domain/opening-hours.ts'

// Instants in Shanghai time. 'Mo 08:30' is in the week of Monday 2026-07-06, with no holiday;
// 'PH 10:00' is Thursday 2026-10-01 (国庆节), a public holiday in the library's cn table;
// a full date (seasons) is read as it is.
const WEEK = { Mo: '06', Tu: '07', We: '08', Th: '09', Fr: '10', Sa: '11', Su: '12' } as const
function at(when: string): Date {
  const [day, time] = when.split(' ') as [string, string]
  if (day === 'PH') return new Date(`2026-10-01T${time}:00+08:00`)
  const date = day in WEEK ? `2026-07-${WEEK[day as keyof typeof WEEK]}` : day
  return new Date(`${date}T${time}:00+08:00`)
}

type Case = [text: string, value: string, open: string[], closed: string[]]

// Phrasings as Zhejiang 爱心驿站 signs, 小哥驿站 lists and portal exports write them.
const READ: Case[] = [
  // round the clock
  ['24小时', '24/7', ['Mo 03:00', 'Su 23:59', 'PH 10:00'], []],
  ['24小时开放', '24/7', ['Tu 00:00'], []],
  ['24h', '24/7', ['Sa 04:00'], []],
  ['全天', '24/7', ['We 02:00'], []],
  ['全天候', '24/7', ['Th 02:00'], []],
  ['全天候开放', '24/7', ['Fr 22:00'], []],
  ['全天24小时开放', '24/7', ['Su 12:00'], []],
  ['7×24小时', '24/7', ['Mo 05:00'], []],
  ['２４小时', '24/7', ['Mo 05:00'], []],
  ['00:00-24:00', '24/7', ['Mo 00:00', 'Mo 23:59'], []],
  ['每天 00:00-24:00', '24/7', ['Su 00:30'], []],
  ['24小时，全年无休', '24/7', ['PH 03:00'], []],
  ['24小时（节假日除外）', '24/7; PH off', ['Mo 03:00'], ['PH 10:00']],
  ['周一至周五 00:00-24:00', 'Mo-Fr 00:00-24:00', ['Fr 23:59'], ['Sa 00:01']],
  ['周一至周五24小时，周末休息', 'Mo-Fr 00:00-24:00', ['Mo 02:00'], ['Su 12:00']],
  // every day
  ['8:00-18:00', '08:00-18:00', ['Su 08:00', 'Mo 17:59'], ['Mo 07:59', 'Mo 18:00']],
  ['8:00—18:00', '08:00-18:00', ['Tu 12:00'], ['Tu 19:00']],
  ['8:00——18:00', '08:00-18:00', ['Tu 12:00'], ['Tu 19:00']],
  ['８：００－１８：００', '08:00-18:00', ['We 09:00'], ['We 06:00']],
  ['7:30～19:30', '07:30-19:30', ['Th 07:30'], ['Th 19:30']],
  ['8:00至20:00', '08:00-20:00', ['Fr 19:59'], ['Fr 20:00']],
  ['8：30到17：30', '08:30-17:30', ['Sa 08:30'], ['Sa 08:29']],
  ['8.30-17.30', '08:30-17:30', ['Su 17:00'], ['Su 18:00']],
  ['每天 6:00-22:00', '06:00-22:00', ['Mo 06:00'], ['Mo 22:00']],
  ['每日8:00-22:00', '08:00-22:00', ['Sa 21:00'], ['Sa 23:00']],
  ['周一至周日 8:00-20:00', '08:00-20:00', ['Su 10:00'], ['Su 21:00']],
  ['周一~周日 7:00-21:00', '07:00-21:00', ['Sa 07:00'], ['Sa 06:59']],
  ['全年 8:00-17:00', '08:00-17:00', ['PH 09:00'], ['PH 18:00']],
  ['全天（24小时）', '24/7', ['Su 04:00'], []],
  ['开放时间：每天8:00-20:00', '08:00-20:00', ['Su 08:00'], ['Su 20:00']],
  ['早上7点到晚上9点', '07:00-21:00', ['Mo 20:59'], ['Mo 21:00']],
  ['7:00-19:00 全年无休', '07:00-19:00', ['PH 08:00'], ['PH 20:00']],
  ['每天 6:00-22:00（节假日照常）', '06:00-22:00', ['PH 07:00'], ['PH 23:00']],
  ['节假日照常开放，每天7:00-19:00', '07:00-19:00', ['PH 18:00'], ['PH 19:30']],
  ['8:00-24:00', '08:00-24:00', ['Mo 23:59'], ['Tu 00:30']],
  ['10:00-0:00', '10:00-24:00', ['Mo 23:30'], ['Tu 00:30']],
  // 点, 时, 点半, periods of the day
  ['8点-17点半', '08:00-17:30', ['Mo 17:29'], ['Mo 17:30']],
  ['8点至18点', '08:00-18:00', ['Mo 08:00'], ['Mo 18:00']],
  ['8时30分-17时30分', '08:30-17:30', ['Mo 08:30'], ['Mo 08:29']],
  ['8点30-17点', '08:30-17:00', ['Mo 16:59'], ['Mo 08:00']],
  ['早8点至晚8点', '08:00-20:00', ['Mo 19:00'], ['Mo 21:00']],
  ['早8晚6', '08:00-18:00', ['Mo 17:00'], ['Mo 18:30']],
  ['上午8点半到下午5点半', '08:30-17:30', ['Mo 17:00'], ['Mo 17:45']],
  ['下午2点至5点半', '14:00-17:30', ['Mo 15:00'], ['Mo 13:00']],
  ['上午9:00-12:00', '09:00-12:00', ['Mo 11:00'], ['Mo 13:00']],
  ['中午12:00-14:00', '12:00-14:00', ['Mo 13:00'], ['Mo 14:30']],
  ['上午8:00-下午14:00', '08:00-14:00', ['Mo 13:00'], ['Mo 14:30']],
  ['8:00 AM - 5:30 PM', '08:00-17:30', ['Mo 17:00'], ['Mo 18:00']],
  ['上午8:00-11:30，下午14:00-17:30', '08:00-11:30,14:00-17:30', ['Mo 10:00'], ['Mo 12:30']],
  ['上午8:00-11:30 下午2:00-5:30', '08:00-11:30,14:00-17:30', ['Mo 15:00'], ['Mo 03:00']],
  ['8:00-12:00，14:00-17:30', '08:00-12:00,14:00-17:30', ['Mo 14:00'], ['Mo 13:00']],
  ['8:00-17:30（午休12:00-13:30）', '08:00-12:00,13:30-17:30', ['Mo 13:30'], ['Mo 12:30']],
  ['8:00-17:30，12:00-13:30休息', '08:00-12:00,13:30-17:30', ['Mo 11:59'], ['Mo 12:00']],
  [
    '上午8:30-11:30，中午休息，下午2:00-5:00',
    '08:30-11:30,14:00-17:00',
    ['Mo 16:00'],
    ['Mo 12:00'],
  ],
  // past midnight
  ['20:00-次日8:00', '20:00-08:00', ['Mo 23:00', 'Tu 07:59'], ['Tu 08:00', 'Tu 19:00']],
  ['18:00-次日6:00', '18:00-06:00', ['Su 05:00'], ['Su 07:00']],
  ['20:00-8:00', '20:00-08:00', ['We 02:00'], ['We 12:00']],
  ['晚上8点-早上8点', '20:00-08:00', ['Th 21:00'], ['Th 09:00']],
  ['22:00-凌晨2:00', '22:00-02:00', ['Fr 01:00'], ['Fr 03:00']],
  // days
  ['周一至周五 8:30-17:30', 'Mo-Fr 08:30-17:30', ['Fr 17:00'], ['Sa 10:00', 'Mo 18:00']],
  ['星期一到星期五 8:30-17:00', 'Mo-Fr 08:30-17:00', ['Mo 09:00'], ['Su 09:00']],
  ['礼拜一至礼拜五 9:00-17:00', 'Mo-Fr 09:00-17:00', ['Tu 09:00'], ['Sa 09:00']],
  ['周一至五 8:00-17:00', 'Mo-Fr 08:00-17:00', ['Th 09:00'], ['Su 09:00']],
  ['周1-5 8:00-17:00', 'Mo-Fr 08:00-17:00', ['Th 09:00'], ['Su 09:00']],
  ['工作日 9:00-17:00', 'Mo-Fr 09:00-17:00', ['We 16:00'], ['Sa 10:00']],
  ['周末 9:00-17:00', 'Sa,Su 09:00-17:00', ['Su 16:00'], ['Fr 10:00']],
  ['双休日 9:00-16:00', 'Sa,Su 09:00-16:00', ['Sa 10:00'], ['Mo 10:00']],
  ['周六、周日 10:00-16:00', 'Sa,Su 10:00-16:00', ['Sa 10:00'], ['Fr 10:00']],
  ['周一、三、五 9:00-11:00', 'Mo,We,Fr 09:00-11:00', ['We 10:00'], ['Tu 10:00']],
  ['周一至周六8点至18点', 'Mo-Sa 08:00-18:00', ['Sa 17:00'], ['Su 10:00']],
  ['周二至周日 9:00-17:00（周一闭馆）', 'Tu-Su 09:00-17:00', ['Su 10:00'], ['Mo 10:00']],
  ['8:30-17:30（周一至周五）', 'Mo-Fr 08:30-17:30', ['Mo 09:00'], ['Sa 09:00']],
  [
    '8:00-12:00,14:00-17:30(周一至周五)',
    'Mo-Fr 08:00-12:00,14:00-17:30',
    ['Mo 15:00'],
    ['Mo 13:00', 'Su 15:00'],
  ],
  [
    '星期一到星期五 上午8:30-11:30 下午2:30-5:30',
    'Mo-Fr 08:30-11:30,14:30-17:30',
    ['Fr 17:00'],
    ['Fr 12:00', 'Sa 09:00'],
  ],
  [
    '周一至周五：上午 8:30—11:30  下午 13:30—17:00',
    'Mo-Fr 08:30-11:30,13:30-17:00',
    ['Mo 13:30'],
    ['Mo 12:00'],
  ],
  [
    '周一至周五8:30-17:30，周六9:00-12:00',
    'Mo-Fr 08:30-17:30; Sa 09:00-12:00',
    ['Sa 11:00', 'Fr 17:00'],
    ['Sa 13:00', 'Su 10:00'],
  ],
  [
    '周一至周五 9:00-17:00；周六、周日 10:00-16:00',
    'Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00',
    ['Su 15:00'],
    ['Su 16:30'],
  ],
  [
    '周一至周五 8:30-17:30\n周六 9:00-12:00',
    'Mo-Fr 08:30-17:30; Sa 09:00-12:00',
    ['Sa 09:00'],
    ['Su 09:00'],
  ],
  [
    '周一至周五 8:30-11:30；14:00-17:00',
    'Mo-Fr 08:30-11:30,14:00-17:00',
    ['Mo 14:00'],
    ['Mo 12:00'],
  ],
  [
    '周一至周五 8:00-12:00；周一至周五 14:00-17:00',
    'Mo-Fr 08:00-12:00,14:00-17:00',
    ['Mo 08:00', 'Mo 16:00'],
    ['Mo 13:00'],
  ],
  [
    '周一至周五 18:00-次日8:00，周末全天',
    'Mo-Fr 18:00-08:00; Sa,Su 00:00-24:00',
    ['Sa 07:00', 'Su 23:00', 'Mo 19:00'],
    ['Mo 10:00'],
  ],
  [
    '周一至周五 9:00-17:00，周六、日 9:00-12:00',
    'Mo-Fr 09:00-17:00; Sa,Su 09:00-12:00',
    ['Su 11:00'],
    ['Su 13:00'],
  ],
  [
    '星期一至星期五上午9:00~12:00,下午14:00~17:00',
    'Mo-Fr 09:00-12:00,14:00-17:00',
    ['Th 16:00'],
    ['Th 13:00', 'Sa 10:00'],
  ],
  [
    '工作日：8:30-12:00 14:30-18:00 周末：9:00-17:00',
    'Mo-Fr 08:30-12:00,14:30-18:00; Sa,Su 09:00-17:00',
    ['Sa 13:00', 'Mo 15:00'],
    ['Mo 13:00'],
  ],
  [
    '8:00-17:00（周一至周五），9:00-12:00（周六）',
    'Mo-Fr 08:00-17:00; Sa 09:00-12:00',
    ['Sa 11:00'],
    ['Sa 13:00', 'Su 11:00'],
  ],
  ['托管时间：周一至周五 7:30-17:30', 'Mo-Fr 07:30-17:30', ['Mo 07:30'], ['Sa 08:00']],
  ['9:00-17:00 周一闭馆', '09:00-17:00; Mo off', ['Tu 10:00'], ['Mo 10:00']],
  ['每天8:00-20:00，周一休息', '08:00-20:00; Mo off', ['Tu 10:00'], ['Mo 10:00']],
  ['除周一外每天9:00-17:00', '09:00-17:00; Mo off', ['Su 10:00'], ['Mo 10:00']],
  ['周一至周五 8:30-17:30，周末休息', 'Mo-Fr 08:30-17:30', ['Mo 09:00'], ['Sa 09:00']],
  // holidays
  [
    '周一至周五 8:30-17:30（节假日除外）',
    'Mo-Fr 08:30-17:30; PH off',
    ['Th 10:00'],
    ['PH 10:00', 'Sa 10:00'],
  ],
  ['工作日 8:30-17:30，法定节假日休息', 'Mo-Fr 08:30-17:30; PH off', ['We 10:00'], ['PH 10:00']],
  ['法定节假日休息，工作日9:00-17:00', 'Mo-Fr 09:00-17:00; PH off', ['We 10:00'], ['PH 10:00']],
  ['8:30-17:30，节假日不开放', '08:30-17:30; PH off', ['Su 10:00'], ['PH 10:00']],
  ['周一至周五（节假日除外）8:30-17:30', 'Mo-Fr 08:30-17:30; PH off', ['Tu 10:00'], ['PH 10:00']],
  ['除法定节假日外，每天8:00-18:00', '08:00-18:00; PH off', ['Sa 10:00'], ['PH 10:00']],
  [
    '周一至周五 9:00-17:00；周六、周日 10:00-16:00；法定节假日闭馆',
    'Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00; PH off',
    ['Sa 11:00'],
    ['PH 11:00'],
  ],
  [
    '8:00-17:00（周末及节假日除外）',
    '08:00-17:00; Sa,Su off; PH off',
    ['Fr 10:00'],
    ['Sa 10:00', 'PH 10:00'],
  ],
  [
    '周一至周五 8:00-17:00；节假日：9:00-12:00',
    'Mo-Fr 08:00-17:00; PH 09:00-12:00',
    ['PH 10:00'],
    ['PH 15:00', 'Sa 10:00'],
  ],
  [
    '周末及节假日 9:00-17:00',
    'Sa,Su 09:00-17:00; PH 09:00-17:00',
    ['PH 10:00', 'Sa 10:00'],
    ['We 10:00'],
  ],
  [
    '工作日8:30-17:00，双休日及法定节假日9:00-12:00',
    'Mo-Fr 08:30-17:00; Sa,Su 09:00-12:00; PH 09:00-12:00',
    ['PH 11:00', 'Mo 16:00'],
    ['PH 16:00', 'Su 16:00'],
  ],
  // seasons, with their months
  [
    '夏季（6-9月）8:00-18:00；冬季（10-5月）8:30-17:00',
    'Jun-Sep 08:00-18:00; Oct-May 08:30-17:00',
    ['2026-07-06 08:10', '2026-01-06 16:50'],
    ['2026-01-06 08:10', '2026-07-06 18:10'],
  ],
  [
    '夏季（6月-9月）8:00-18:00；冬季（10月-次年5月）8:30-17:00',
    'Jun-Sep 08:00-18:00; Oct-May 08:30-17:00',
    ['2026-09-30 17:30'],
    ['2026-10-02 17:30'],
  ],
  [
    '夏令时（5月1日-9月30日）8:00-18:00，冬令时（10月1日-4月30日）8:30-17:30',
    'May-Sep 08:00-18:00; Oct-Apr 08:30-17:30',
    ['2026-05-04 08:00', '2026-04-30 17:00'],
    ['2026-04-30 08:00'],
  ],
  [
    '夏季（6-9月）：周一至周五 8:00-18:00，周六 9:00-12:00；冬季（10-5月）：周一至周五 8:30-17:00',
    'Jun-Sep Mo-Fr 08:00-18:00; Jun-Sep Sa 09:00-12:00; Oct-May Mo-Fr 08:30-17:00',
    ['2026-07-11 10:00', '2026-01-06 16:50'],
    ['2026-01-10 10:00', '2026-01-06 17:10'],
  ],
  [
    '夏季（6-9月）8:00-18:00；冬季（10-5月）8:30-17:00；节假日除外',
    'Jun-Sep 08:00-18:00; Oct-May 08:30-17:00; PH off',
    ['2026-07-06 17:30'],
    ['PH 10:00'],
  ],
  [
    '夏季（6-9月）8:00-18:00；冬季（10-5月）8:30-17:00；周日休息',
    'Jun-Sep 08:00-18:00; Oct-May 08:30-17:00; Su off',
    ['2026-07-11 10:00'],
    ['2026-07-12 10:00', '2026-01-11 10:00'],
  ],
  [
    '7-8月 周一至周五 8:00-17:30',
    'Jul,Aug Mo-Fr 08:00-17:30',
    ['2026-07-06 09:00'],
    ['2026-06-01 09:00', '2026-07-11 09:00'],
  ],
]

// Texts whose hours cannot be read with certainty: kept as text, never guessed.
const REFUSED: [text: string, why: RegExp][] = [
  ['', /empty/],
  ['工作时间', /no times/],
  ['周一至周五', /no times/],
  ['详见公告', /defers/],
  ['以实际开放时间为准', /defers/],
  ['具体时间请电话咨询', /defers/],
  ['不定期开放', /not fixed/],
  ['临时调整，另行通知', /defers|not fixed/],
  ['需提前预约', /appointment/],
  ['8:00-17:00左右', /approximate/],
  ['17:00前', /cannot read/],
  ['8:00-5:30', /backwards/],
  ['9:00-5:00', /backwards/],
  ['12:00-1:00', /backwards/],
  ['上午8:00-5:30', /backwards/],
  ['8:00-11:30，2:00-5:30', /12-hour/],
  ['25:00-26:00', /past 24:00/],
  ['8:00-24:30', /past 24:00/],
  ['8:75-17:00', /minutes/],
  ['下午5:30', /other end/],
  ['8:00开放', /other end/],
  ['8-17', /numbers without/],
  ['夏季8:00-18:00，冬季8:30-17:00', /seasonal/],
  ['夏季（6-9月）8:00-18:00，冬季8:30-17:00', /seasonal/],
  ['6月15日-9月15日 8:00-18:00', /inside a month/],
  ['8:00-17:00;周六 9:00-12:00', /overlap/],
  ['每天8:00-20:00，周六9:00-17:00', /overlap/],
  ['周一休息，每天9:00-17:00', /closed/],
  ['节假日开放', /no times|closing|days without/],
  ['周一至周五 8:00-17:00，节假日 9:00-12:00，节假日除外', /holidays/],
  ['24小时，8:00-17:00', /24小时/],
  ['8:00-17:00，周末照常', /照常/],
  ['周一至周五全天营业，具体', /defers/],
  ['8:00-次日9:00', /longer than a day/],
  ['7:00-19:00（冬季除外）', /closing word/],
  ['24小时营业（春节除外）', /cannot read "春节"/],
  ['12:00am-8:00pm', /noon or midnight/],
  ['8:00-17:00，12:00-13:00', /overlapping/],
  ['夏季（6-9月）：周一至周五 8:00-18:00；周六 9:00-12:00', /which months/],
  ['6-9月 8:00-18:00，节假日除外', /some months only/],
  ['工作日全天 夏季', /season/],
  ['8:00-17:00 周三下午休息', /cannot read|without|closing/],
]

describe('chineseHoursToOsm reads what registers write', () => {
  it.each(READ)('%s → %s', (text, value, open, closed) => {
    expect(chineseHoursToOsm(text)).toEqual({ ok: true, value })
    expect(isValidOpeningHours(value)).toBe(true)
    for (const when of open) expect([when, isOpenAt(value, at(when))]).toEqual([when, true])
    for (const when of closed) expect([when, isOpenAt(value, at(when))]).toEqual([when, false])
  })

  it('has a table of at least 60 phrasings', () => {
    expect(READ.length).toBeGreaterThanOrEqual(60)
    expect(REFUSED.length).toBeGreaterThanOrEqual(15)
  })
})

describe('chineseHoursToOsm refuses what it cannot read with certainty', () => {
  it.each(REFUSED)('%j', (text, why) => {
    const reading = chineseHoursToOsm(text)
    expect(reading.ok).toBe(false)
    if (!reading.ok) expect(reading.reason).toMatch(why)
  })
})

// Pieces that registers combine, including ones that make no sense together: the reader must
// either refuse or produce a value that parses, whatever the combination.
const FRAGMENTS = [
  ...['周一', '周三', '周五', '周六', '周日', '星期一', '礼拜天', '工作日', '周末', '双休日'],
  ...['每天', '全年', '节假日', '法定节假日', '24小时', '全天', '全天候', '7×24小时'],
  ...['上午', '下午', '中午', '晚上', '早', '凌晨', '次日', 'am', 'pm'],
  ...['8', '08', '12', '14', '17', '20', '24', '0', '5', '6', '9', '10', '30', '00', '45', '99'],
  ...[':', '：', '.', '点', '时', '分', '半', '-', '—', '~', '至', '到', '月', '日'],
  ...['、', '和', '及', '，', ',', '；', ';', '\n', ' ', '（', '）', '(', ')', '：'],
  ...['休息', '除外', '不开放', '闭馆', '照常', '正常开放', '无休', '午休', '除', '外'],
  ...['夏季', '冬季', '开放', '服务时间', '营业'],
]
const fragmentText = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 })
  .map((a) => a.join(''))
const phrase = fc.oneof(fc.constantFrom(...READ.map((c) => c[0])), fragmentText)

const WIDE: Record<string, string> = { ':': '：', '-': '－', '~': '～', ',': '，', ';': '；' }
Object.assign(WIDE, { '(': '（', ')': '）', '.': '．', '/': '／', ' ': '\u3000' })
const toWide = (s: string) =>
  s.replace(/[0-9a-z:\-~,;()./ ]/g, (c) =>
    c in WIDE ? WIDE[c]! : String.fromCharCode(c.charCodeAt(0) + 0xfee0),
  )

/** Blanks inserted where they separate nothing: not inside a run of letters and digits. */
const blanked = (s: string, at: number[], blanks: string[]) => {
  const cut = [...new Set(at.map((p) => p % (s.length + 1)))].sort((a, b) => b - a)
  let out = s
  cut.forEach((p, k) => {
    const alnum = /[0-9a-z０-９ａ-ｚ]/i
    if (alnum.test(out[p - 1] ?? '') && alnum.test(out[p] ?? '')) return
    out = out.slice(0, p) + blanks[k % blanks.length] + out.slice(p)
  })
  return out
}
const BLANKS = [' ', '  ', '\t', '\u3000', '\u00a0', ' \u3000 ']

describe('chineseHoursToOsm, properties', () => {
  test('never throws, and every value it gives parses', () => {
    fc.assert(
      fc.property(phrase, (text) => {
        const reading = chineseHoursToOsm(text)
        if (reading.ok) expect([text, isValidOpeningHours(reading.value)]).toEqual([text, true])
      }),
      { numRuns: 3000 },
    )
  })

  test('reads a text as its NFKC form: full-width digits and punctuation, upper case', () => {
    fc.assert(
      fc.property(phrase, (text) => {
        const reading = chineseHoursToOsm(text)
        expect(chineseHoursToOsm(text.normalize('NFKC'))).toEqual(reading)
        expect(chineseHoursToOsm(toWide(text))).toEqual(reading)
        expect(chineseHoursToOsm(text.toUpperCase())).toEqual(reading)
      }),
      { numRuns: 1000 },
    )
  })

  test('reads a text the same with blanks added, widened or trimmed', () => {
    fc.assert(
      fc.property(
        phrase,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.shuffledSubarray(BLANKS, { minLength: 1 }),
        (text, at, blanks) => {
          const reading = chineseHoursToOsm(text)
          expect(chineseHoursToOsm(blanked(text, at, blanks))).toEqual(reading)
          expect(chineseHoursToOsm(text.replace(/ /g, '\t \u3000'))).toEqual(reading)
          expect(chineseHoursToOsm(` ${text}\u3000`)).toEqual(reading)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
