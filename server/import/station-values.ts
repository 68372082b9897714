import {
  AMENITIES,
  STATION_HOSTS,
  STATION_KINDS,
  STATION_STATUSES,
  STATION_TIERS,
  type AccessMethod,
  type Amenity,
  type StationHost,
  type StationKind,
  type StationStatus,
  type StationTier,
} from '../domain/vocabularies.ts'
import { matchKeywords } from './keyword-match.ts'
import { memoizeText } from './text-memo.ts'

/** Station cells to field values: a register's words read as our vocabularies. */

const AMENITY_WORDS: Record<Amenity, readonly string[]> = {
  drinking_water: ['饮水', '饮用水', '直饮水', '饮水机', '开水', '净水', '喝水'],
  hot_water: ['热水'],
  microwave: ['微波炉', '加热', '热饭'],
  toilet: ['厕所', '卫生间', '洗手间', '如厕', '公厕'],
  rest_seats: ['座椅', '休息', '桌椅', '歇脚', '休息区', '沙发'],
  air_conditioning: ['空调', '冷气', '纳凉', '避暑'],
  heating: ['暖气', '取暖', '暖风'],
  phone_charging: ['充电', '手机充电', '充电宝'],
  ebike_charging: ['电瓶车充电', '电动车充电', '电单车充电', '换电'],
  first_aid: ['医药箱', '急救箱', '药箱', '应急药品', '药品', '急救'],
  umbrella: ['雨伞', '雨具', '雨衣', '借伞'],
  fridge: ['冰箱', '冷藏'],
  wifi: ['wifi', 'wi-fi', '无线网络', '无线上网', '上网'],
  reading_corner: ['图书', '阅读', '书籍', '书报', '阅览'],
  repair_tools: ['维修工具', '打气筒', '工具箱', '修车', '维修'],
  legal_aid: ['法律援助', '法律咨询', '维权'],
  job_services: ['就业服务', '就业', '招聘', '职业介绍'],
}

/** Every synonym with its amenity, longest first: 电动车充电 must win over 充电. */
const AMENITY_SYNONYMS: [string, Amenity][] = Object.entries(AMENITY_WORDS)
  .flatMap(([amenity, words]) =>
    [amenity, ...words].map((w): [string, Amenity] => [w, amenity as Amenity]),
  )
  .sort((a, b) => b[0].length - a[0].length)

const LIST_SEPARATORS = /[、,;/\s|]+/

/**
 * A 服务项目 list (、，,；; / or blanks between entries) as our amenities, in our vocabulary's
 * order; entries that name none of them come back as unknown.
 */
export const readAmenities = memoizeText((text): { amenities: Amenity[]; unknown: string[] } => {
  const found = new Set<Amenity>()
  const unknown: string[] = []
  for (const raw of text.normalize('NFKC').toLowerCase().split(LIST_SEPARATORS)) {
    const entry = raw.replace(/^(提供|免费)|等$/g, '')
    if (entry === '') continue
    const hit = AMENITY_SYNONYMS.find(([word]) => entry.includes(word))
    if (hit) found.add(hit[1])
    else unknown.push(raw)
  }
  return { amenities: AMENITIES.filter((a) => found.has(a)), unknown }
})

export const readKind = memoizeText((text): StationKind | null =>
  matchKeywords(text, STATION_KINDS, [
    [/小哥|快递|外卖|骑手/, 'courier_station'],
    [/货车|司机之家/, 'trucker_home'],
    [/环卫/, 'sanitation_rest_point'],
    [/爱心驿站|户外劳动者|驿站|服务站/, 'outdoor_worker_station'],
  ]),
)

export const readTier = memoizeText((text): StationTier | null =>
  matchKeywords(text, STATION_TIERS, [
    [/中心/, 'centre'],
    [/站/, 'station'], // 站点 is a station
    [/点/, 'point'],
  ]),
)

/** The kind of place that hosts a station, from its host's name (主办单位/依托单位). */
export const readStationHost = memoizeText((text): StationHost | null =>
  matchKeywords(text, STATION_HOSTS, [
    [/物流园/, 'logistics_park'],
    [/服务区/, 'service_area'],
    [/政务|行政服务中心/, 'government_service_hall'],
    [/银行|农商行|信用社/, 'bank_branch'],
    [/加油站|石化|石油/, 'petrol_station'],
    [/超市/, 'supermarket'],
    [/工会/, 'union_office'],
    [/医院|卫生院/, 'hospital'],
    [/公园/, 'park'],
    [/快递|物流|驿站/, 'courier_depot'],
    [/社区|街道|村委|居委/, 'community_centre'],
    [/公司|企业|集团|厂/, 'enterprise'],
  ]),
)

export const readStatus = memoizeText((text): StationStatus | null =>
  matchKeywords(text, STATION_STATUSES, [
    [/关闭|撤销|停用|取消|注销|停止/, 'closed'],
    [/暂停|维修|装修|暂时/, 'suspended'],
    [/正常|运营|开放|启用|在用|营业/, 'active'],
  ]),
)

/** Each way in with the words registers use for it; an entry of exactly one needs no note. */
const ACCESS_WORDS: Record<AccessMethod, readonly string[]> = {
  open_door: [
    '直接进入',
    '直接进',
    '自由进出',
    '开放式',
    '敞开式',
    '无门禁',
    '推门进入',
    '随到随进',
  ],
  ask_staff: [
    '请联系工作人员',
    '联系工作人员',
    '找工作人员',
    '工作人员开门',
    '按门铃',
    '敲门',
    '联系门卫',
    '门卫登记',
    '前台登记',
    '登记进入',
  ],
  code_lock: ['密码锁', '密码门', '密码进入', '输入密码', '门禁密码'],
  app_scan: ['扫码进入', '扫码开门', '扫码', '扫二维码', '二维码', '小程序', 'app开门', 'app'],
  face_scan: ['刷脸进入', '刷脸开门', '刷脸', '人脸识别', '人脸门禁'],
}

/** Every word with its way in, longest first: 扫码开门 must win over 扫码. */
const ACCESS_SYNONYMS: [string, AccessMethod][] = Object.entries(ACCESS_WORDS)
  .flatMap(([access, words]) =>
    [access, ...words].map((w): [string, AccessMethod] => [w, access as AccessMethod]),
  )
  .sort((a, b) => b[0].length - a[0].length)

/**
 * A 进入方式 cell: the way in it names, and whether the cell says more than that word (then the
 * whole text is worth keeping as the station's access note). null: no word we know.
 */
export const readAccess = memoizeText((text): { access: AccessMethod | null; more: boolean } => {
  const t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s。.!！]/g, '')
  const exact = ACCESS_SYNONYMS.find(([word]) => word === t)
  if (exact) return { access: exact[1], more: false }
  const hit = ACCESS_SYNONYMS.find(([word]) => t.includes(word))
  return { access: hit?.[1] ?? null, more: true }
})
