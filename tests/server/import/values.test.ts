import { describe, expect, it } from 'vitest'
import { readCount, readDate } from '../../../server/import/cell-values.ts'
import {
  readAgeRange,
  readClassHost,
  readFee,
  readTerm,
  readYear,
} from '../../../server/import/class-values.ts'
import { crsFromText, parseDegrees, parseLonLatPair } from '../../../server/import/coordinates.ts'
import { createHoursReader } from '../../../server/import/hours-cell.ts'
import {
  readAccess,
  readAmenities,
  readKind,
  readStationHost,
  readStatus,
  readTier,
} from '../../../server/import/station-values.ts'

describe('station values', () => {
  it.each([
    ['直接进入', 'open_door', false],
    ['自由进出', 'open_door', false],
    ['请联系工作人员', 'ask_staff', false],
    ['按门铃。', 'ask_staff', false],
    ['密码锁', 'code_lock', false],
    ['扫码进入', 'app_scan', false],
    ['扫码开门', 'app_scan', false],
    ['微信扫码后进入', 'app_scan', true],
    ['ＡＰＰ', 'app_scan', false],
    ['刷脸进入', 'face_scan', false],
    ['人脸识别门禁，首次需登记', 'face_scan', true],
    ['face_scan', 'face_scan', false],
    ['凭会员卡进入', null, true],
  ])('access: %s → %s (more: %s)', (text, access, more) => {
    expect(readAccess(text)).toEqual({ access, more })
  })

  it.each([
    ['饮水', ['drinking_water']],
    ['饮用水、直饮水、饮水机', ['drinking_water']],
    ['热水，微波炉；加热', ['hot_water', 'microwave']],
    ['厕所/卫生间 洗手间', ['toilet']],
    ['充电,手机充电', ['phone_charging']],
    ['电瓶车充电、电动车充电', ['ebike_charging']],
    ['手机充电、电动车充电', ['phone_charging', 'ebike_charging']],
    ['医药箱;急救箱;药箱', ['first_aid']],
    ['雨伞、雨具', ['umbrella']],
    ['冰箱', ['fridge']],
    ['空调、冷气', ['air_conditioning']],
    ['暖气、取暖', ['heating']],
    ['座椅、休息、桌椅', ['rest_seats']],
    ['WiFi、无线网络、ＷＩＦＩ', ['wifi']],
    ['图书、阅读、书籍', ['reading_corner']],
    ['维修工具、打气筒', ['repair_tools']],
    ['法律援助', ['legal_aid']],
    ['就业服务', ['job_services']],
    ['drinking_water,toilet', ['drinking_water', 'toilet']],
    ['提供饮水等', ['drinking_water']],
    ['', []],
  ])('amenities: %s', (text, amenities) => {
    expect(readAmenities(text)).toEqual({ amenities, unknown: [] })
  })

  it('reports entries outside the vocabulary', () => {
    expect(readAmenities('饮水、按摩椅、心理咨询')).toEqual({
      amenities: ['drinking_water'],
      unknown: ['按摩椅', '心理咨询'],
    })
  })

  it.each([
    ['爱心驿站', 'outdoor_worker_station'],
    ['户外劳动者服务站点', 'outdoor_worker_station'],
    ['小哥驿站', 'courier_station'],
    ['快递小哥驿站', 'courier_station'],
    ['货车司机之家', 'trucker_home'],
    ['司机之家', 'trucker_home'],
    ['环卫工人休息点', 'sanitation_rest_point'],
    ['trucker_home', 'trucker_home'],
    ['流动站', null],
  ])('kind: %s → %s', (text, kind) => expect(readKind(text)).toBe(kind))

  it.each([
    ['服务中心', 'centre'],
    ['中心', 'centre'],
    ['服务点', 'point'],
    ['站点', 'station'],
    ['驿站', 'station'],
    ['point', 'point'],
    ['甲级', null],
  ])('tier: %s → %s', (text, tier) => expect(readTier(text)).toBe(tier))

  it.each([
    ['中国工商银行杭州分行', 'bank_branch'],
    ['中国石化杭州石油分公司', 'petrol_station'],
    ['中石油加油站', 'petrol_station'],
    ['世纪联华超市', 'supermarket'],
    ['某某社区居委会', 'community_centre'],
    ['西湖街道办事处', 'community_centre'],
    ['上城区总工会', 'union_office'],
    ['顺丰快递网点', 'courier_depot'],
    ['菜鸟驿站', 'courier_depot'],
    ['市第一人民医院', 'hospital'],
    ['西湖公园', 'park'],
    ['长安服务区', 'service_area'],
    ['区政务服务中心', 'government_service_hall'],
    ['区行政服务中心', 'government_service_hall'],
    ['传化物流园', 'logistics_park'],
    ['某某科技有限公司', 'enterprise'],
    ['老王', null],
  ])('station host: %s → %s', (text, host) => expect(readStationHost(text)).toBe(host))

  it.each([
    ['正常', 'active'],
    ['运营', 'active'],
    ['开放', 'active'],
    ['暂停', 'suspended'],
    ['维修中', 'suspended'],
    ['暂停开放', 'suspended'],
    ['关闭', 'closed'],
    ['已撤销', 'closed'],
    ['停用', 'closed'],
    ['closed', 'closed'],
    ['不知道', null],
  ])('status: %s → %s', (text, status) => expect(readStatus(text)).toBe(status))
})

describe('shared cell values', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025.3.1', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    ['２０２５年３月１日', '2025-03-01'],
    ['20250301', '2025-03-01'],
    ['2025/3/1 14:30', '2025-03-01'],
    ['2025-02-30', null],
    ['三月一日', null],
  ])('date: %s → %s', (text, date) => expect(readDate(text)).toBe(date))

  it.each([
    ['30', 30],
    ['30人', 30],
    ['３０名', 30],
    ['三十', null],
    ['-3', null],
  ])('count: %s → %s', (text, n) => expect(readCount(text)).toBe(n))
})

describe('class values', () => {
  it.each([
    ['3-12岁', { ageMin: 3, ageMax: 12 }],
    ['3至12周岁', { ageMin: 3, ageMax: 12 }],
    ['3岁~12岁', { ageMin: 3, ageMax: 12 }],
    ['6到12', { ageMin: 6, ageMax: 12 }],
    ['12-3岁', null],
    ['小学生', null],
  ])('ages: %s', (text, ages) => expect(readAgeRange(text)).toEqual(ages))

  it.each([
    ['2025年7月7日至8月15日', null, '2025-07-07', '2025-08-15'],
    ['2025-07-07~2025-08-15', null, '2025-07-07', '2025-08-15'],
    ['2025.7.7-8.15', null, '2025-07-07', '2025-08-15'],
    ['7.7-8.15', 2026, '2026-07-07', '2026-08-15'],
    ['7月7日—8月15日', 2026, '2026-07-07', '2026-08-15'],
    ['2025年12月29日至2026年1月9日', null, '2025-12-29', '2026-01-09'],
  ])('term: %s (year %s)', (text, year, termStart, termEnd) => {
    expect(readTerm(text, year)).toEqual({ ok: true, termStart, termEnd })
  })

  it.each([
    ['7.7-8.15', null, 'term_no_year'],
    ['2025年7月7日', null, 'term_not_two_dates'],
    ['2025年8月15日至7月7日', null, 'term_backwards'],
    ['2025年2月30日至3月1日', null, 'term_not_date'],
  ] as const)('term refused: %s', (text, year, code) => {
    expect(readTerm(text, year)).toEqual({ ok: false, code })
  })

  it.each([
    ['免费', 0],
    ['无', 0],
    ['0', 0],
    ['300元', 300],
    ['300', 300],
    ['¥300', 300],
    ['300元/期', 300],
    ['面议', null],
  ])('fee: %s → %s', (text, fee) => expect(readFee(text)).toBe(fee))

  it.each([
    ['2025', 2025],
    ['2025年', 2025],
    ['2025年度', 2025],
    ['今年', null],
  ])('year: %s → %s', (text, year) => expect(readYear(text)).toBe(year))

  it.each([
    ['上城区总工会', 'union_office'],
    ['某某社区', 'community_centre'],
    ['某某小学', 'school'],
    ['区图书馆', 'library'],
    ['青少年活动中心', 'youth_centre'],
    ['经济开发区管委会', 'industrial_park'],
    ['老王', null],
  ])('class host: %s → %s', (text, host) => expect(readClassHost(text)).toBe(host))
})

describe('coordinates', () => {
  it.each([
    ['120.1234', 120.1234],
    ['120.1234°', 120.1234],
    ['１２０．１２３４', 120.1234],
    [' 120.1234E', 120.1234],
    ['东经120.5', 120.5],
    ['北纬30.25', 30.25],
    ['120°30\'36"', 120.51],
    ['120°30′36″', 120.51],
    ['-33.5', -33.5],
    ['abc', null],
    ['120.1.2', null],
    ['1e2', null],
  ])('degrees: %s → %s', (text, value) => {
    const got = parseDegrees(text)
    if (value === null) expect(got).toBeNull()
    else expect(got).toBeCloseTo(value, 9)
  })

  it.each([
    ['120.1,30.2', [120.1, 30.2]],
    ['120.1, 30.2', [120.1, 30.2]],
    ['120.1，30.2', [120.1, 30.2]],
    ['120.1 30.2', [120.1, 30.2]],
    ['120.1;30.2', [120.1, 30.2]],
    ['120.1', null],
    ['120.1,30.2,5', null],
  ])('pair: %s', (text, pair) => expect(parseLonLatPair(text)).toEqual(pair))

  it.each([
    ['GCJ-02', 'gcj02'],
    ['gcj02', 'gcj02'],
    ['高德', 'gcj02'],
    ['腾讯地图', 'gcj02'],
    ['BD-09', 'bd09'],
    ['百度坐标', 'bd09'],
    ['WGS-84', 'wgs84'],
    ['WGS84', 'wgs84'],
    ['GPS', 'wgs84'],
    ['CGCS2000', 'wgs84'],
    ['北京54', null],
  ])('coordinate system: %s → %s', (text, crs) => expect(crsFromText(text)).toBe(crs))
})

describe('hours cells', () => {
  it('keeps valid opening_hours as written, converts Chinese, refuses the rest', () => {
    const read = createHoursReader()
    expect(read('Mo-Fr 08:00-17:00; PH off')).toEqual({
      ok: true,
      value: 'Mo-Fr 08:00-17:00; PH off',
    })
    expect(read('24小时')).toEqual({ ok: true, value: '24/7' })
    expect(read('全天')).toEqual({ ok: true, value: '24/7' })
    expect(read('看情况').ok).toBe(false)
  })
})
