import type { ClassHost, StationHost } from '../../../server/domain/vocabularies.ts'
import type { Random } from './random.ts'

/**
 * Invented Chinese place, street, host and person names. Words are built from common
 * place-name characters, so they read as plausible but name no real site; no real brand
 * (bank, oil company, courier firm) appears.
 */

const FIRST = [...'东西南北新金银丰和兴华安永长康宁文明清泰庆瑞福江湖山溪桥塘梅桃竹松柳云龙凤鹤上下中前后高石'] as const
const SECOND = [...'园苑湖桥塘山溪港浦岙浜坞林湾阳城星光河汇源庄盛丰兴和安田洋坑畈岭'] as const

/** A two-character place word such as 新塘 or 金湾. */
export function placeWord(rng: Random): string {
  const a = rng.pick(FIRST)
  let b = rng.pick(SECOND)
  while (a === b) b = rng.pick(SECOND)
  return a + b
}

/** A township-level name: districts have 街道, counties mostly 镇 and some 乡. */
export function townName(rng: Random, urban: boolean): string {
  const suffix = urban
    ? rng.weighted(['街道', '镇'], [0.85, 0.15])
    : rng.weighted(['镇', '街道', '乡'], [0.65, 0.25, 0.1])
  return placeWord(rng) + suffix
}

const COMMON_STREETS = [
  '人民路',
  '解放路',
  '中山路',
  '建设路',
  '新华路',
  '文化路',
  '学院路',
  '环城北路',
  '环城南路',
  '江滨路',
  '工业大道',
  '世纪大道',
  '体育场路',
  '健康路',
  '振兴路',
] as const
const STREET_SUFFIX = [
  ...['路', '路', '路', '街', '大道'],
  ...['东路', '西路', '中路', '北路', '南路'],
] as const

export function streetName(rng: Random): string {
  return rng.chance(0.3) ? rng.pick(COMMON_STREETS) : placeWord(rng) + rng.pick(STREET_SUFFIX)
}

/** A street address such as 杭州市西湖区金湾路123号, or a village for rural points. */
export function address(rng: Random, city: string, county: string, town: string): string {
  if (rng.chance(0.12)) return `${city}${county}${town}${placeWord(rng)}村`
  return `${city}${county}${streetName(rng)}${rng.int(1, 999)}号`
}

const INDUSTRIES = [
  ...['机械', '纺织', '电子', '建材', '食品'],
  ...['科技', '新材料', '服饰', '汽配', '印染'],
] as const

/** The host as it appears inside a station name, e.g. 金湾社区 or 新塘加油站. */
export function stationHostLabel(rng: Random, host: StationHost): string {
  const w = placeWord(rng)
  switch (host) {
    case 'union_office':
      return rng.chance(0.5) ? '工会' : '职工服务站'
    case 'community_centre':
      return `${w}社区`
    case 'bank_branch':
      return `${w}支行`
    case 'petrol_station':
      return `${w}加油站`
    case 'supermarket':
      return `${w}超市`
    case 'courier_depot':
      return `${w}快递网点`
    case 'enterprise':
      return `${w}${rng.pick(INDUSTRIES)}有限公司`
    case 'government_service_hall':
      return '便民服务中心'
    case 'park':
      return `${w}公园`
    case 'hospital':
      return rng.chance(0.6) ? '社区卫生服务中心' : '中心卫生院'
    case 'logistics_park':
      return `${w}物流园`
    case 'service_area':
      return `${w}服务区`
  }
}

export function classHostLabel(rng: Random, host: ClassHost): string {
  const w = placeWord(rng)
  switch (host) {
    case 'union_office':
      return '总工会'
    case 'community_centre':
      return `${w}社区`
    case 'school':
      return `${w}小学`
    case 'enterprise':
      return `${w}${rng.pick(INDUSTRIES)}有限公司`
    case 'industrial_park':
      return `${w}工业园区`
    case 'library':
      return '图书馆'
    case 'youth_centre':
      return '青少年活动中心'
  }
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪金石'] as const

/** A contact as a Chinese notice would give it: surname plus 老师, 女士 or 先生. */
export function contactName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.weighted(['老师', '女士', '先生'], [0.6, 0.25, 0.15])
}

/** Real telephone area codes of Zhejiang's prefecture-level cities, with local-number length. */
const AREA_CODES: Record<string, { code: string; digits: number }> = {
  杭州市: { code: '0571', digits: 8 },
  宁波市: { code: '0574', digits: 8 },
  温州市: { code: '0577', digits: 8 },
  嘉兴市: { code: '0573', digits: 8 },
  湖州市: { code: '0572', digits: 7 },
  绍兴市: { code: '0575', digits: 8 },
  金华市: { code: '0579', digits: 8 },
  衢州市: { code: '0570', digits: 7 },
  舟山市: { code: '0580', digits: 7 },
  台州市: { code: '0576', digits: 8 },
  丽水市: { code: '0578', digits: 7 },
}

function digits(rng: Random, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9))
  return s
}

/** A landline in the city's area code (e.g. 0571-8xxxxxxx), or a mobile number. */
export function phoneNumber(rng: Random, city: string, mobileShare: number): string {
  const local = AREA_CODES[city]
  if (!local || rng.chance(mobileShare)) {
    return `1${rng.pick(['3', '5', '7', '8', '9'])}${digits(rng, 9)}`
  }
  return `${local.code}-${rng.pick(['8', '8', '6', '5', '2'])}${digits(rng, local.digits - 1)}`
}
