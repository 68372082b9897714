import type { KioskMessages } from './messages.ts'

/** The kiosk's strings: they load with the kiosk, not with the finder. */
export const zhCNKiosk: KioskMessages = {
  title: '附近的驿站',
  youAreHere: '您在这里',
  here: '此处',
  updatedAt: (t) => `更新于 ${t}`,
  offline: '网络中断，显示的是上次的数据',
  loading: '正在加载附近站点…',
  nearest: '离这里最近',
  noStations: '10 公里内没有开放的驿站。',
  noClasses: '10 公里内没有爱心托班。',
  directions: {
    ahead: '正前方',
    aheadRight: '右前方',
    right: '右侧',
    behindRight: '右后方',
    behind: '后方',
    behindLeft: '左后方',
    left: '左侧',
    aheadLeft: '左前方',
  },
  walkMinutes: (min) => `步行 ${min} 分钟`,
  back: '返回',
  scan: '用手机扫码，查看路线并导航',
  localUrl: '二维码指向本机地址，手机无法打开：请管理员设置 WAYSTATION_PUBLIC_URL。',
  hoursToday: '今日开放',
  problem: {
    title: '无法显示此位置',
    badParameter: (name) => `链接中的参数“${name}”缺失或有误。`,
    noPark: (id) => `找不到编号为“${id}”的物流园。`,
    unreachable: '暂时连不上服务器，稍后会自动重试。',
    example:
      '正确的链接如：/kiosk/pk-000001 或 /kiosk?lat=30.27&lon=120.15&name=某物流园&facing=90',
  },
}
