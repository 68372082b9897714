import type { TrustMessages } from './messages.ts'

/** How to get in and what workers reported: loaded with the card and the kiosk. */
export const enTrust: TrustMessages = {
  accessLabel: 'Getting in',
  report: 'Report how it is',
  access: {
    open_door: 'Walk in',
    ask_staff: 'Ask the staff',
    code_lock: 'Code lock',
    app_scan: 'Scan a QR code',
    face_scan: 'Face scan',
  },
  confirmed: (w) => `Confirmed open ${w}`,
  reported: (what, w) => `Reported ${what} ${w}`,
  count: (n) => ` (${n} reports)`,
  ago: {
    now: 'just now',
    minutes: (n) => `${n} min ago`,
    hours: (n) => (n === 1 ? '1 hour ago' : `${n} hours ago`),
    yesterday: 'yesterday',
    days: (n) => `${n} days ago`,
  },
}
