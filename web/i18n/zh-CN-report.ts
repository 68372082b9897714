import type { ReportMessages } from './messages.ts'

/** The report form's strings: they load with the form, not with the finder. */
export const zhCNReport: ReportMessages = {
  title: '现场情况如何？',
  types: {
    confirmed_open: '开着，能进',
    locked: '锁门了，进不去',
    not_found: '这里找不到',
    closed: '已永久关闭',
    amenity_missing: '缺少某项设施',
    other: '其他',
  },
  amenity: '缺少哪项设施',
  note: '补充说明（选填）',
  noteRequired: '请简单说明情况',
  chars: (n, max) => `${n}/${max}`,
  send: '提交',
  sending: '正在提交…',
  cancel: '取消',
  thanks: '谢谢！已记录，其他人会看到。',
  yours: (type) => `您的反馈：${type}`,
  tooMany: (s) => `提交太频繁，请 ${s} 秒后再试。`,
  failed: '提交失败，请稍后再试。',
}
