import type { ReasonParams } from '../../server/domain/import-reasons.ts'
import type { ReasonMessages } from './messages.ts'

const q = (x: ReasonParams, key: string) => `“${String(x[key] ?? '')}”`

/** Our field names, as the importer names a missing column or value. */
const FIELDS: Readonly<Record<string, string>> = {
  name: '名称',
  address: '地址',
  lon: '经度',
  lat: '纬度',
  facingDeg: '屏幕朝向',
  ageMin: '最小年龄',
  ageMax: '最大年龄',
  capacity: '名额',
  enrolled: '已报名人数',
  kind: '类型',
  tier: '层级',
  host: '依托场所',
  status: '状态',
}
const field = (x: ReasonParams) => FIELDS[String(x.field)] ?? String(x.field)

/** 导入时拒绝某行或给出警告的原因（与命令行的英文句子一一对应）。 */
export const zhCNImportReasons: ReasonMessages = {
  cells_beyond_header: (x) =>
    `该行有 ${x.cells} 个单元格，表头只有 ${x.width} 列：未加引号的单元格里是否含有分隔符？`,
  formula: (x) => `${q(x, 'text')} 像是电子表格公式，不是数值`,
  empty: () => '为空',
  no_column: (x) => `缺少“${field(x)}”列`,
  unknown_crs: (x) => `${q(x, 'text')} 不是可识别的坐标系`,
  swapped: () => '经度和纬度似乎填反了',
  outside_counties: (x) => `坐标 ${x.point}（${x.crs}）不在任何区县内`,
  not_lon_lat: (x) => `${q(x, 'text')} 不是“经度,纬度”格式`,
  not_number: (x) => `${q(x, 'text')} 不是数字`,
  not_age_range: (x) => `${q(x, 'text')} 不是年龄范围（例如 3-12岁）`,
  not_year: (x) => `${q(x, 'text')} 不是年份`,
  term_not_two_dates: (x) => `${q(x, 'text')}：应为开始和结束两个日期`,
  term_no_year: (x) => `${q(x, 'text')}：日期没有年份，文件也未给出（请加“年份”列）`,
  term_not_date: (x) => `${q(x, 'text')}：不是有效的日历日期`,
  term_backwards: (x) => `${q(x, 'text')}：结束日期早于开始日期`,
  no_term_start: () => '缺少开班日期',
  no_term_end: () => '缺少结班日期',
  not_date: (x) => `${q(x, 'text')} 不是日期`,
  no_schedule: () => '缺少托管时间',
  schedule_unreadable: (x) => `${q(x, 'text')} 无法识别为时间：${x.why}`,
  no_count: (x) => `缺少${field(x)}`,
  not_whole_number: (x) => `${q(x, 'text')} 不是整数`,
  no_fee: () => '缺少收费（免费请填“免费”）',
  not_fee: (x) => `${q(x, 'text')} 不是金额（例如 300元 或 免费）`,
  not_direction: (x) =>
    `${q(x, 'text')} 不是方向：以正北为 0 的度数（0–360，90 为正东），或 东/东南/…`,
  invalid_field: (x) => `${field(x)}：${x.message}`,
  same_as_row: (x) => `${x.column} 与第 ${x.row} 行相同`,
  unknown_word: (x) => `${q(x, 'text')} 不是可识别的${field(x)}，已使用默认值`,
  unknown_services: (x) => `不在服务项目词表中，未导入：${x.list}`,
  hours_kept_as_text: (x) => `按原文保留：${x.why}`,
  date_left_empty: (x) => `${q(x, 'text')} 不是日期，已留空`,
  unknown_access: (x) => `${q(x, 'text')} 不是可识别的进入方式，已作为进入说明保留`,
  access_note_cut: (x) => `进入说明过长，已截断为 ${x.max} 个字`,
  county_unknown: (x) => `所填区县 ${q(x, 'text')} 无法识别；坐标位于${x.county}`,
  county_elsewhere: (x) =>
    `所填区县为${x.named}（${x.namedCode}），但坐标位于${x.county}（${x.countyCode}）`,
}
