import { describe, expect, it } from 'vitest'
import { ROW_REASON_CODES, reasonText } from '../../server/domain/import-reasons.ts'
import { enImportReasons } from '../../web/i18n/en-import-reasons.ts'
import { zhCNImportReasons } from '../../web/i18n/zh-CN-import-reasons.ts'
import { DUPLICATE_REASONS } from '../../server/domain/import-report.ts'
import { enAdmin } from '../../web/i18n/en-admin.ts'
import { zhCNAdmin } from '../../web/i18n/zh-CN-admin.ts'

// The admin words every importer refusal and warning in both languages: a code added to the
// importer without its Chinese (or English) sentence fails here, not in front of an editor.

/** Every parameter any code names, each a value that shows up in the sentence. */
const PARAMS = {
  text: '看值班安排',
  field: 'capacity',
  cells: 4,
  width: 3,
  point: '120.1, 30.2',
  crs: 'gcj02',
  why: 'days without times',
  message: 'Too big',
  column: 'sourceRef',
  row: 7,
  list: '按摩椅',
  max: 200,
  county: '西湖区',
  named: '杭州市上城区',
  namedCode: '330102',
  countyCode: '330106',
}
const CJK = /[\u4e00-\u9fff]/

describe('import reasons in the admin', () => {
  it('has a Chinese and an English sentence for every code, and no others', () => {
    for (const messages of [zhCNImportReasons, enImportReasons]) {
      expect(Object.keys(messages).sort()).toEqual([...ROW_REASON_CODES].sort())
    }
    expect(ROW_REASON_CODES.length).toBeGreaterThan(30)
  })

  it.each(ROW_REASON_CODES)('%s: Chinese, English, and the parameters in both', (code) => {
    const zh = zhCNImportReasons[code](PARAMS)
    const en = enImportReasons[code](PARAMS)
    expect(zh).toMatch(CJK)
    expect(en).toBe(reasonText({ code, params: PARAMS }))
    expect(zh).not.toBe(en)
    // A parameter the English names is named in Chinese too (field names are translated).
    for (const [key, value] of Object.entries(PARAMS)) {
      if (key !== 'field' && en.includes(String(value))) expect(zh, key).toContain(String(value))
    }
  })

  it.each(DUPLICATE_REASONS)('duplicate %s: Chinese and English', (reason) => {
    const zh = zhCNAdmin.import.duplicateReasons[reason](12.4)
    const en = enAdmin.import.duplicateReasons[reason](12.4)
    expect(zh).toMatch(CJK)
    expect(en).not.toMatch(CJK)
    if (reason === 'near_similar_name') expect([zh, en].every((s) => s.includes('12'))).toBe(true)
  })
})
