import type { KioskMessages } from './messages.ts'

/** The kiosk's strings: they load with the kiosk, not with the finder. */
export const enKiosk: KioskMessages = {
  title: 'Stations near here',
  youAreHere: 'You are here',
  here: 'This place',
  updatedAt: (t) => `Updated ${t}`,
  offline: 'Offline: showing the last data received',
  loading: 'Finding stations nearby…',
  nearest: 'Nearest to you',
  noStations: 'No open station within 10 km.',
  noClasses: 'No childcare class within 10 km.',
  directions: {
    ahead: 'ahead',
    aheadRight: 'ahead right',
    right: 'right',
    behindRight: 'behind right',
    behind: 'behind you',
    behindLeft: 'behind left',
    left: 'left',
    aheadLeft: 'ahead left',
  },
  walkMinutes: (min) => `${min} min walk`,
  back: 'Back',
  scan: 'Scan with your phone for the route and navigation',
  localUrl:
    'This QR code names this machine, which phones cannot reach: ask the administrator to set WAYSTATION_PUBLIC_URL.',
  hoursToday: 'Open today',
  problem: {
    title: 'Cannot show this place',
    badParameter: (name) => `The link's "${name}" is missing or wrong.`,
    noPark: (id) => `There is no logistics park "${id}".`,
    unreachable: 'The server cannot be reached just now; retrying by itself.',
    example: 'A correct link: /kiosk/pk-000001 or /kiosk?lat=30.27&lon=120.15&name=Park&facing=90',
  },
}
