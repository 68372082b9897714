import { pinyin } from 'pinyin-pro'

/**
 * Latin forms of a Chinese place name, computed on the server so that the phone never loads
 * pinyin-pro's dictionary: the finder matches typed Latin text against these strings.
 */
export interface PlaceNameForms {
  /** "Yinzhou District", "Yiwu", "Jingning She Autonomous County". */
  nameEn: string
  /** Toneless pinyin of the name without its suffix, lower case, no spaces: "yinzhou". */
  pinyin: string
  /** First letters of those syllables: "yz". */
  initials: string
}

// Suffix → English designation. A city (prefecture or county level) is known by its name alone.
const SUFFIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/畲族自治县$/, ' She Autonomous County'],
  [/自治县$/, ' Autonomous County'],
  [/区$/, ' District'],
  [/县$/, ' County'],
  [/市$/, ''],
]

// Readings the dictionary gets wrong for these places (checked against the official romanisation).
const READINGS: Record<string, string[]> = {
  乐清: ['yue', 'qing'],
  莲都: ['lian', 'du'],
}

function syllables(bare: string): string[] {
  return READINGS[bare] ?? pinyin(bare, { toneType: 'none', type: 'array', v: true })
}

/** Latin forms of one place name; the name is returned as is when it has no known suffix. */
export function placeNameForms(name: string): PlaceNameForms {
  const [suffix, designation] = SUFFIXES.find(([re]) => re.test(name)) ?? [/$/, '']
  const bare = name.replace(suffix, '')
  const parts = syllables(bare).map((s) => s.toLowerCase())
  // Hanyu Pinyin writes an apostrophe before a syllable starting with a, e or o: Chun'an.
  const latin = parts.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join('')
  return {
    nameEn: latin.charAt(0).toUpperCase() + latin.slice(1) + designation,
    pinyin: parts.join(''),
    initials: parts.map((s) => s.charAt(0)).join(''),
  }
}
