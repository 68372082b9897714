import type {
  Amenity,
  ClassHost,
  StationHost,
  StationKind,
  StationTier,
} from '../../server/domain/vocabularies.ts'

/** Every string the UI shows. zh-CN is the reference; en must say the same things. */
export interface Messages {
  lang: string
  appName: string
  switchLanguage: string
  sampleNotice: string
  sampleBadge: string
  tabs: { stations: string; childcare: string }
  search: {
    label: string
    placeholder: string
    clear: string
    loading: string
    noMatch: (q: string) => string
    error: string
    city: string
    county: string
    station: string
  }
  locate: {
    button: string
    locating: string
    denied: string
    unavailable: string
    timeout: string
    hint: string
  }
  origin: { user: string; picked: string; centre: string; from: (what: string) => string }
  filters: {
    label: string
    openNow: string
    anyKind: string
    kind: string
    radius: string
    amenities: string
    clear: string
  }
  list: {
    label: (n: number) => string
    loading: string
    error: string
    retry: string
    empty: (radius: string) => string
    widen: (radius: string) => string
    dropFilter: (name: string) => string
    dropOpenNow: string
    dropKind: string
    moveHint: string
  }
  distance: { metres: (m: number) => string; km: (km: string) => string }
  walk: (min: number) => string
  compass: readonly [string, string, string, string, string, string, string, string]
  direction: (compass: string) => string
  status: { open: string; closed: string; unknown: string; suspended: string }
  card: {
    close: string
    loading: string
    error: string
    kind: string
    tier: string
    host: string
    address: string
    amenities: string
    hours: string
    today: (hours: string) => string
    closedToday: string
    unknownHours: string
    opensAt: (time: string) => string
    closesAt: (time: string) => string
    phone: string
    call: (phone: string) => string
    navigate: string
    amap: string
    baidu: string
    apple: string
    osm: string
    distanceFrom: (d: string, walk: string, dir: string) => string
    verified: (date: string) => string
  }
  weekdays: readonly [string, string, string, string, string, string, string]
  dayRange: (from: string, to: string) => string
  everyDay: string
  closed: string
  allDay: string
  kinds: Record<StationKind, string>
  tiers: Record<StationTier, string>
  hosts: Record<StationHost, string>
  classHosts: Record<ClassHost, string>
  amenities: Record<Amenity, string>
  childcare: {
    intro: string
    age: string
    anyAge: string
    years: (n: number) => string
    date: string
    anyDate: string
    loading: string
    error: string
    empty: (radius: string) => string
    dropAge: string
    dropDate: string
    list: (n: number) => string
    ages: (min: number, max: number) => string
    term: (from: string, to: string) => string
    schedule: string
    seatsLeft: (n: number) => string
    full: string
    fee: string
    free: string
    feeCny: (n: number) => string
    contact: string
  }
  map: {
    label: string
    loadingStations: string
    stationsError: string
    mapError: string
    legend: string
    youAreHere: string
  }
}
