/**
 * Fixed vocabularies shared by the API, the store, the generator and the web app.
 * Codes are stable English identifiers; display labels live in web/i18n.
 */

export const STATION_KINDS = [
  'outdoor_worker_station', // 户外劳动者服务站点 / 爱心驿站
  'courier_station', // 小哥驿站
  'trucker_home', // 货车司机之家
  'sanitation_rest_point', // 环卫工人休息点
] as const
export type StationKind = (typeof STATION_KINDS)[number]

/** The "centre + station + point" organisation of a 15-minute service circle. */
export const STATION_TIERS = ['centre', 'station', 'point'] as const
export type StationTier = (typeof STATION_TIERS)[number]

export const STATION_HOSTS = [
  'union_office',
  'community_centre',
  'bank_branch',
  'petrol_station',
  'supermarket',
  'courier_depot',
  'enterprise',
  'government_service_hall',
  'park',
  'hospital',
  'logistics_park',
  'service_area',
] as const
export type StationHost = (typeof STATION_HOSTS)[number]

export const AMENITIES = [
  'drinking_water',
  'hot_water',
  'microwave',
  'toilet',
  'rest_seats',
  'air_conditioning',
  'heating',
  'phone_charging',
  'ebike_charging',
  'first_aid',
  'umbrella',
  'fridge', // 冰箱: part of Zhejiang's "10+X" station kit, listed by real registers
  'wifi',
  'reading_corner',
  'repair_tools',
  'legal_aid',
  'job_services',
] as const
export type Amenity = (typeof AMENITIES)[number]

/** How a worker gets in: the most common complaint is "could not get in". */
export const ACCESS_METHODS = [
  'open_door', // 直接进入
  'ask_staff', // 请联系工作人员
  'code_lock', // 密码锁
  'app_scan', // 扫码进入 (an app or a QR code)
  'face_scan', // 刷脸进入
] as const
export type AccessMethod = (typeof ACCESS_METHODS)[number]

/** What a worker can say about a station (POST /api/stations/{id}/reports). */
export const REPORT_TYPES = [
  'confirmed_open', // 确认开放: a check-in
  'locked', // 锁门 / could not get in
  'not_found', // 没找到
  'closed', // 已关闭 for good
  'amenity_missing', // a listed amenity is not there (which one: `amenity`)
  'other', // anything else, said in `note`
] as const
export type ReportType = (typeof REPORT_TYPES)[number]

/** Reports that say a worker cannot use the station at all: they sort it down and mark it. */
export const PROBLEM_TYPES = ['locked', 'not_found', 'closed'] as const satisfies ReportType[]
export type ProblemType = (typeof PROBLEM_TYPES)[number]

/** Only `active` stations count for coverage and show as open. */
export const STATION_STATUSES = ['active', 'suspended', 'closed'] as const
export type StationStatus = (typeof STATION_STATUSES)[number]

export const CLASS_HOSTS = [
  'union_office',
  'community_centre',
  'school',
  'enterprise',
  'industrial_park',
  'library',
  'youth_centre',
] as const
export type ClassHost = (typeof CLASS_HOSTS)[number]
