import type { StationInput } from '../../../server/domain/station.ts'
import type { AccessMethod, StationHost } from '../../../server/domain/vocabularies.ts'
import type { Random } from './random.ts'

type Weighted<T> = readonly [readonly T[], readonly number[]]

/** Offices and halls have someone at the door; depots and parks lock theirs; shops stand open. */
const ACCESS_BY_HOST: Record<StationHost, Weighted<AccessMethod>> = {
  union_office: [['open_door', 'ask_staff', 'face_scan'], [0.5, 0.4, 0.1]],
  community_centre: [['open_door', 'ask_staff', 'code_lock', 'face_scan'], [0.45, 0.3, 0.15, 0.1]],
  bank_branch: [['open_door', 'ask_staff'], [0.7, 0.3]],
  petrol_station: [['open_door', 'ask_staff'], [0.85, 0.15]],
  supermarket: [['open_door', 'ask_staff'], [0.9, 0.1]],
  courier_depot: [['code_lock', 'app_scan', 'open_door', 'ask_staff'], [0.35, 0.3, 0.25, 0.1]],
  enterprise: [['ask_staff', 'face_scan', 'app_scan', 'open_door'], [0.4, 0.3, 0.2, 0.1]],
  government_service_hall: [['open_door', 'ask_staff'], [0.75, 0.25]],
  park: [['code_lock', 'open_door', 'ask_staff'], [0.45, 0.35, 0.2]],
  hospital: [['open_door', 'ask_staff'], [0.6, 0.4]],
  logistics_park: [['face_scan', 'app_scan', 'ask_staff'], [0.35, 0.35, 0.3]],
  service_area: [['open_door'], [1]],
}

const NOTES: Record<AccessMethod, readonly string[]> = {
  open_door: ['入口在大楼东侧', '开放时间内直接进入', '进门右手边即是'],
  ask_staff: ['请按门铃，值班人员开门', '到前台说明来意即可', '夜间请联系保安室'],
  code_lock: ['密码请电话询问', '密码张贴在门侧服务牌上', '环卫工人凭工牌向社区领取密码'],
  app_scan: ['微信扫门口二维码开门', '首次需在小程序登记', '扫码后门自动打开'],
  face_scan: ['首次请到服务台录入人脸', '工会会员可登记刷脸', '人脸未录入请按门铃'],
}

/**
 * How to get into each station, from its host: 6 % unknown, else a way in with, a third of the
 * time, a note. Drawn from a stream of its own after every other record, so adding it changed
 * no earlier field of the shipped sample.
 */
export function withAccess(stations: readonly StationInput[], rng: Random): StationInput[] {
  return stations.map((s) => {
    if (rng.chance(0.06)) return { ...s, access: null, accessNote: null }
    const access = rng.weighted(...ACCESS_BY_HOST[s.host])
    return { ...s, access, accessNote: rng.chance(1 / 3) ? rng.pick(NOTES[access]) : null }
  })
}
