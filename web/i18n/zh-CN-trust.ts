import type { TrustMessages } from './messages.ts'

/** How to get in and what workers reported: loaded with the card and the kiosk. */
export const zhCNTrust: TrustMessages = {
  accessLabel: '进入方式',
  report: '反馈现场情况',
  access: {
    open_door: '直接进入',
    ask_staff: '请联系工作人员',
    code_lock: '密码锁',
    app_scan: '扫码进入',
    face_scan: '刷脸进入',
  },
  confirmed: (w) => `${w}确认开放`,
  reported: (what, w) => `${w}有人报告${what}`,
  count: (n) => `（共 ${n} 条）`,
  ago: {
    now: '刚刚',
    minutes: (n) => `${n} 分钟前`,
    hours: (n) => `${n} 小时前`,
    yesterday: '昨天',
    days: (n) => `${n} 天前`,
  },
}
