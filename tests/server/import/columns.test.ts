import { describe, expect, it } from 'vitest'
import { mapColumns, normalizeHeader } from '../../../server/import/columns.ts'

const fieldOf = (header: string, layer: 'stations' | 'classes' = 'stations') =>
  mapColumns([header], layer).columns[0]!.field

describe('mapColumns', () => {
  it.each([
    ['名称', 'name'],
    ['站点名称', 'name'],
    ['驿站名称', 'name'],
    ['name', 'name'],
    [' NAME ', 'name'],
    ['*站点 名称', 'name'],
    ['地址', 'address'],
    ['详细地址', 'address'],
    ['站点地址', 'address'],
    ['经度', 'lon'],
    ['lng', 'lon'],
    ['Longitude', 'lon'],
    ['Ｘ', 'lon'], // full-width
    ['纬度', 'lat'],
    ['LAT', 'lat'],
    ['y', 'lat'],
    ['坐标', 'coordinates'],
    ['坐标系', 'crs'],
    ['开放时间', 'openingHours'],
    ['服务时间', 'openingHours'],
    ['营业时间', 'openingHours'],
    ['openingHours', 'openingHours'],
    ['服务项目', 'amenities'],
    ['服务内容', 'amenities'],
    ['配套设施', 'amenities'],
    ['功能', 'amenities'],
    ['联系电话', 'phone'],
    ['联系方式', 'phone'],
    ['电话', 'phone'],
    ['所属区县', 'county'],
    ['区县', 'county'],
    ['所在区县', 'county'],
    ['区（县、市）', 'county'],
    ['adcode', 'county'],
    ['类型', 'kind'],
    ['站点类型', 'kind'],
    ['层级', 'tier'],
    ['主办单位', 'hostName'],
    ['依托单位', 'hostName'],
    ['建设单位', 'hostName'],
    ['host', 'host'],
    ['编号', 'sourceRef'],
    ['ID', 'sourceRef'],
    ['站点编号', 'sourceRef'],
    ['id', 'id'],
    ['状态', 'status'],
    ['核实日期', 'verifiedOn'],
    ['更新日期', 'verifiedOn'],
    ['经度（GCJ-02）', 'lon'],
    ['序号', 'serial'],
    ['备注', null],
  ])('stations: %s → %s', (header, field) => {
    expect(fieldOf(header)).toBe(field)
  })

  it.each([
    ['托班名称', 'name'],
    ['年龄', 'age'],
    ['招收年龄', 'age'],
    ['开班时间', 'term'],
    ['班期', 'term'],
    ['年份', 'year'],
    ['托管时间', 'schedule'],
    ['招收人数', 'capacity'],
    ['名额', 'capacity'],
    ['已报名', 'enrolled'],
    ['收费', 'feeCny'],
    ['费用（元）', 'feeCny'],
    ['联系人', 'contactName'],
    ['联系电话', 'contactPhone'],
    ['ageMin', 'ageMin'],
    ['服务项目', null],
  ])('classes: %s → %s', (header, field) => {
    expect(fieldOf(header, 'classes')).toBe(field)
  })

  it('indexes the fields and reads a coordinate system from the headers', () => {
    const m = mapColumns(['名称', '经度(高德)', '纬度(高德)', '备注'], 'stations')
    expect(m.index).toEqual({ name: 0, lon: 1, lat: 2 })
    expect(m.crs).toBe('gcj02')
    expect(mapColumns(['lng（BD-09）'], 'stations').crs).toBe('bd09')
    expect(mapColumns(['经度'], 'stations').crs).toBeNull()
  })

  it('consults the column map first', () => {
    const m = mapColumns(['站点全称', '名称'], 'stations', { 站点全称: 'name', 名称: 'address' })
    expect(m.columns.map((c) => c.field)).toEqual(['name', 'address'])
  })

  it('normalises headers: NFKC, case, blanks and required marks', () => {
    expect(normalizeHeader(' Ｌｏｎ *')).toBe('lon')
    expect(normalizeHeader('站点\u3000名称')).toBe('站点名称')
  })
})
