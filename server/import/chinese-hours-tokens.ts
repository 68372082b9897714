/**
 * The words and numbers of a Chinese opening-hours text (server/import/chinese-hours.ts):
 * normalised for width, case and blanks, then cut into tokens from a fixed vocabulary,
 * longest word first. A character outside the vocabulary refuses the whole text.
 */

export type Period = 'am' | 'early' | 'noon' | 'pm' | 'evening'

export type Tok =
  | { t: 'num'; v: number; len: number }
  | { t: 'colon' | 'dash' | 'join' | 'space' | 'comma' | 'open' | 'close' | 'strong' }
  | { t: 'day'; mask: number }
  | { t: 'period'; p: Period }
  | { t: 'ampm'; p: 'am' | 'pm' }
  | { t: 'hour' | 'min' | 'half' | 'next' | 'allday' | 'always' | 'off' | 'usual' | 'lunch' }
  | { t: 'season' | 'month' | 'mday' | 'except' | 'outside' }

/** Day masks: Mo is bit 0 … Su bit 6; public holidays (节假日, `PH`) bit 7. */
export const DAY_BITS = 0x7f
export const PH = 0x80

/** Weekday characters after 周/星期/礼拜 (or bare after a dash: 周一至五), Monday first. */
const WEEKDAY_CHARS: Record<string, number> = { 天: 6 }
for (const [d, c] of [...'一二三四五六日'].entries()) WEEKDAY_CHARS[c] = WEEKDAY_CHARS[d + 1] = d

/** Words, each read as the tokens it stands for; matched longest first. Fillers read as none. */
const WORDS: Record<string, Tok[]> = {}
function word(tokens: Tok[], ...spellings: string[]) {
  for (const s of spellings) WORDS[s] = tokens
}
for (const prefix of ['周', '星期', '礼拜']) {
  for (const [c, d] of Object.entries(WEEKDAY_CHARS)) word([{ t: 'day', mask: 1 << d }], prefix + c)
}
word([{ t: 'day', mask: DAY_BITS }], '每天', '每日', '天天', '全年', '全周', '全年无休', '365天')
word([{ t: 'day', mask: 0x1f }], '工作日')
word([{ t: 'day', mask: 0x60 }], '周末', '双休日', '周六日', '星期六日')
word(
  [{ t: 'day', mask: PH }],
  ...'节假日 法定节假日 法定假日 国定假日 公众假期 节日 假日'.split(' '),
)
word([{ t: 'allday' }], '24小时', '24h', '全天', '全天候', '全日')
word([{ t: 'always' }], '7x24小时', '7*24小时', '7×24小时', '24小时x7', '24/7', '7x24h', '7×24h')
word([{ t: 'period', p: 'am' }], '上午', '早上', '早晨', '清晨', '早')
word([{ t: 'ampm', p: 'am' }], 'am', 'a.m.')
word([{ t: 'ampm', p: 'pm' }], 'pm', 'p.m.')
word([{ t: 'period', p: 'early' }], '凌晨')
word([{ t: 'period', p: 'noon' }], '中午')
word([{ t: 'period', p: 'pm' }], '下午', '午后')
word([{ t: 'period', p: 'evening' }], '晚上', '晚间', '傍晚', '夜间', '夜里', '晚', '夜')
word([{ t: 'next' }], '次日', '翌日', '第二天', '隔天')
word([{ t: 'hour' }], '点', '时', '点钟')
word([{ t: 'min' }], '分')
word([{ t: 'half' }], '半')
word([{ t: 'dash' }], '至', '到', '-', '~', '‐', '‑', '‒', '–', '—', '―', '−', '〜', '〰')
word([{ t: 'join' }], '、', '和', '及', '与', '以及', '/', '&', '+')
word([{ t: 'comma' }], ',')
word([{ t: 'open' }], '(', '[', '【', '「', '<', '《')
word([{ t: 'close' }], ')', ']', '】', '」', '>', '》')
word([{ t: 'strong' }], ';', '。', '.')
word(
  [{ t: 'off' }],
  ...'休息 休 除外 闭馆 闭站 闭园 关闭 关门 不开放 不营业 停业 停止开放 停止服务 不对外开放'.split(
    ' ',
  ),
)
word([{ t: 'usual' }], '照常', '正常', '无休', '不休', '不闭馆', '不打烊', '照常开放', '正常开放')
word([{ t: 'lunch' }], '午休', '午间休息', '中午休息')
word([{ t: 'season' }], '夏季', '冬季', '春季', '秋季', '夏天', '冬天', '夏令时', '冬令时')
word([{ t: 'season' }], '春秋季', '春夏季', '秋冬季', '旺季', '淡季', '暑期', '寒假', '暑假')
word([{ t: 'month' }], '月', '月份')
word([{ t: 'mday' }], '日', '号')
word([{ t: 'except' }], '除', '除了')
word([{ t: 'outside' }], '外', '以外', '之外')
word(
  [],
  ...'开放 营业 服务 办公 对外 时间 时段 开放时间 服务时间 营业时间 办公时间 托管时间 上课时间 为 是 从 自 起 止 均 都 每 的 各 次年 翌年 :'.split(
    ' ',
  ),
)

/** Candidate words by first character, longest first. */
const BY_FIRST = new Map<string, string[]>()
for (const w of Object.keys(WORDS).sort((a, b) => b.length - a.length)) {
  const list = BY_FIRST.get(w[0]!) ?? []
  list.push(w)
  BY_FIRST.set(w[0]!, list)
}

/** Thrown inside the reader, caught by chineseHoursToOsm: the text is kept, with the reason. */
export class Refusal extends Error {}
export const fail = (reason: string): never => {
  throw new Refusal(reason)
}

/**
 * Width, case and spacing as a reading should not depend on them: NFKC (full-width digits and
 * punctuation), lower case, line breaks as separators, and blanks kept only between two
 * letters or digits, where they separate numbers ("11:30 14:00").
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\r\n\u2028\u2029]+/g, ';')
    .replace(/\s+/g, ' ')
    .replace(/ (?![0-9a-z])|(?<![0-9a-z]) /g, '')
}

export function tokenise(s: string): Tok[] {
  const toks: Tok[] = []
  let i = 0
  while (i < s.length) {
    const c = s[i]!
    if (c >= '0' && c <= '9') {
      let j = i
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++
      const before = toks.at(-2)
      const afterDash = toks.at(-1)?.t === 'dash' || toks.at(-1)?.t === 'join'
      if (j === i + 1 && c in WEEKDAY_CHARS && afterDash && isWeekday(before)) {
        toks.push({ t: 'day', mask: 1 << WEEKDAY_CHARS[c]! }) // 周1-5
        i = j
        continue
      }
      // Digits that are really a written word: 24小时, 7x24小时, 365天.
      const w = matchWord(s, i)
      if (w !== null && w.length > j - i) {
        toks.push(...WORDS[w]!)
        i += w.length
        continue
      }
      toks.push({ t: 'num', v: Number(s.slice(i, j)), len: j - i })
      i = j
      continue
    }
    if ((c === ':' || c === '.') && toks.at(-1)?.t === 'num' && /[0-9]/.test(s[i + 1] ?? '')) {
      toks.push({ t: 'colon' })
      i++
      continue
    }
    // A weekday after a dash or list word, its prefix written once: 周一至五, 周一、三、五.
    const prev = toks.at(-1)
    if (c in WEEKDAY_CHARS && (prev?.t === 'dash' || prev?.t === 'join')) {
      if (isWeekday(toks.at(-2))) {
        toks.push({ t: 'day', mask: 1 << WEEKDAY_CHARS[c]! })
        i++
        continue
      }
    }
    const numeral = /^[零〇一二两三四五六七八九十]+(?=点|时(?!间|段)|分)/.exec(s.slice(i, i + 4))
    if (numeral) {
      toks.push({ t: 'num', v: chineseNumber(numeral[0]), len: 2 }) // 八点半, 十七时三十分
      i += numeral[0].length
      continue
    }
    if (c === ' ') {
      toks.push({ t: 'space' })
      i++
      continue
    }
    const w = matchWord(s, i)
    if (w !== null && WORDS[w]![0]?.t === 'dash' && prev?.t === 'dash') {
      i += w.length // 8:00——18:00
      continue
    }
    if (w === null) {
      let j = i + 1
      while (j < s.length && matchWord(s, j) === null && !/[0-9 ]/.test(s[j]!)) j++
      fail(`cannot read "${s.slice(i, j)}"`)
    }
    toks.push(...WORDS[w!]!)
    i += w!.length
  }
  return toks
}

const DIGITS = '零一二三四五六七八九'

/** 0–99 written in Chinese numerals (八, 十七, 三十, 二十四); NaN otherwise, refused later. */
function chineseNumber(text: string): number {
  const digit = (ch: string | undefined) =>
    ch === undefined ? NaN : ch === '两' ? 2 : ch === '〇' ? 0 : DIGITS.indexOf(ch)
  const [tens, ones] = text.split('十') as [string, string | undefined]
  if (ones === undefined) return text.length === 1 ? digit(text) : NaN
  if (text.split('十').length > 2 || tens.length > 1 || ones.length > 1) return NaN
  return (tens === '' ? 1 : digit(tens)) * 10 + (ones === '' ? 0 : digit(ones))
}

/** One day of the week (not 工作日 or 节假日): a later bare 五 or 5 continues its range or list. */
export function isWeekday(tok: Tok | undefined): boolean {
  return tok?.t === 'day' && Number.isInteger(Math.log2(tok.mask)) && tok.mask <= 64
}

function matchWord(s: string, i: number): string | null {
  for (const w of BY_FIRST.get(s[i]!) ?? []) if (s.startsWith(w, i)) return w
  return null
}
