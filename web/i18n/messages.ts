import type {
  AccessMethod,
  Amenity,
  ClassHost,
  StationHost,
  StationKind,
  StationTier,
  ReportType,
} from '../../server/domain/vocabularies.ts'
import type { CoverageLayer } from '../../server/domain/coverage.ts'
import type { AuditAction, AuditLayer } from '../../server/domain/audit.ts'
import type { EditLayer } from '../../server/domain/edits.ts'
import type { ReasonParams, RowReasonCode } from '../../server/domain/import-reasons.ts'
import type { DuplicateReason } from '../../server/domain/import-report.ts'

/** Columns and metrics of the planner's table and choropleth (CoverageRow fields). */
type PlannerFigure =
  'count' | 'perTenThousand' | 'per100Km2' | 'coveredPct' | 'uncoveredKm2' | 'areaKm2'

/** Every string the UI shows. zh-CN is the reference; en must say the same things. */
export interface Messages {
  lang: string
  appName: string
  switchLanguage: string
  sampleNotice: string
  sampleBadge: string
  tabs: { stations: string; childcare: string }
  notFound: { title: string; body: string; home: string }
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
  /** The finder's areas, counts and "from where" (finder-ux). */
  finder: {
    /** "鄞州区 · 149 个站点": every station in a searched county or city. */
    stationsIn: (place: string, n: number) => string
    classesIn: (place: string, n: number) => string
    /** The list is one page of a larger answer. */
    showing: (shown: number, total: number) => string
    areaEmpty: (place: string) => string
    /** Leave the county and search around the map centre again. */
    leaveArea: string
    /** Card: the distance, and from where it is measured. */
    distanceFrom: (from: string, d: string, walk: string, dir: string) => string
    fromUser: string
    fromPicked: string
    hasSeats: string
    navigate: string
  }
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
    /** Hours a real register wrote in words we could not read as hours: shown as written. */
    postedHours: string
    postedHoursNote: string
    opensAt: (time: string) => string
    closesAt: (time: string) => string
    phone: string
    call: (phone: string) => string
    navigate: string
    amap: string
    baidu: string
    apple: string
    osm: string
    verified: (date: string) => string
    /** The register a real record came from. */
    source: (name: string) => string
  }
  /** The list's mark for a station with an unresolved problem report (what: `trust.what`). */
  trust: {
    flag: (what: string) => string
    what: Record<Exclude<ReportType, 'confirmed_open'>, string>
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
    mapError: string
    legend: string
    youAreHere: string
  }
  /** MapLibre's own controls, and what the county outlines are (the basemap's attribution). */
  mapControls: { zoomIn: string; zoomOut: string; canvas: string; boundaries: string }
  /** The top bar's links between the two pages. */
  nav: { finder: string; planner: string }
  planner: {
    title: string
    controls: string
    radius: string
    walk: string
    ebike: string
    custom: string
    customLabel: string
    customInvalid: (min: number, max: number) => string
    apply: string
    metres: (m: number) => string
    layer: string
    layers: Record<CoverageLayer, string>
    metric: string
    /** Metric names with their unit, for the chooser, legend and chart. */
    metrics: Record<PlannerFigure, string>
    export: string
    exportCsv: string
    exportGeojson: string
    printReport: string
    note: {
      sample: string
      population: string
      method: (radius: string, layer: CoverageLayer) => string
    }
    loadingReport: string
    loadingSlow: string
    reportError: string
    retry: string
    legend: {
      title: string
      quantile: (n: number) => string
      noData: string
      counties: (n: number) => string
    }
    table: {
      caption: string
      name: string
      columns: Record<PlannerFigure, string>
      populationCoveredPct: string
      popUnavailable: string
      province: string
      grouped: string
      sortHint: string
    }
    chart: {
      title: (metric: string) => string
      province: string
      loading: string
      error: string
      hint: string
    }
    county: {
      back: string
      report: string
      population: string
      area: string
      covered: string
      gaps: (n: number, km2: string) => string
      gapsLoading: string
      gapsError: string
      suggestions: string
      suggestionsHint: string
      suggestionsLoading: string
      suggestionsError: string
      none: string
      rank: string
      added: string
      resulting: string
      place: string
      zoomError: string
    }
    map: {
      label: string
      uncovered: string
      circles: (radius: string) => string
      points: (layer: CoverageLayer) => string
      suggested: string
      computing: string
    }
    print: {
      title: (name: string, layer: CoverageLayer) => string
      date: (d: string) => string
      snapshot: string
    }
    // planner-ux: time of day, worst-first, legend filter, honest progress, suggested sites' places.
    time: {
      label: string
      any: string
      weekday: string
      weekend: string
      hour: string
      /** "工作日 02:00", "weekdays at 02:00" */
      at: (day: 'weekday' | 'weekend', time: string) => string
      /** What the figures count, for the line that says which time they are for. */
      counts: (when: string | null, layer: CoverageLayer) => string
      /** The map's points are every active one: at a chosen time the legend says so. */
      mapPoints: (layer: CoverageLayer) => string
    }
    /** Names the radius, facilities and time the figures on screen are for. */
    figuresFor: (radius: string, layer: string, time: string) => string
    /** The figures on screen are older than the settings: says what is being computed. */
    computingFor: (radius: string, layer: string, time: string) => string
    elapsed: (s: number) => string
    busy: (s: number) => string
    worstFirst: string
    filter: {
      hint: string
      showing: (range: string, n: number) => string
      showAll: string
    }
    site: {
      name: (rank: number) => string
      /** Where a suggested site lies: distance and direction from the nearest existing one. */
      nearest: (name: string, compass: string, distance: string) => string
      noNearest: (layer: CoverageLayer) => string
      openIn: string
      lonLat: string
    }
    /** A county's what-if: proposed sites and the figures now and with them. */
    scenario: {
      title: string
      hint: string
      /** Toggles tapping the map to add a site. */
      add: string
      /** The scenario API's limit is reached. */
      full: (max: number) => string
      take: string
      takeLabel: (rank: number) => string
      site: (n: number) => string
      remove: (n: number) => string
      clear: string
      now: string
      scenario: string
      change: string
      /** A difference in percentage points, already signed and formatted. */
      pp: (v: string) => string
      loading: string
      error: string
      stationsOnly: string
      gained: string
      lost: string
      proposed: string
      /** Figure rows beyond covered % and km². */
      stations: string
      /** Tapping a station on the map, to remove it or give it other hours. */
      stationHint: string
      /** The station picked on the map: what the scenario does with it. */
      registered: (hours: string | null) => string
      removeStation: string
      restoreStation: string
      close: string
      hoursTitle: string
      /** Preset hours the scenario can give a station, by opening_hours value. */
      presets: Record<string, string>
      asRegistered: string
      customHours: string
      apply: string
      badHours: string
      /** Changed hours count only when figures are for a time of day. */
      hoursUntimed: string
      removedList: string
      hoursList: string
      restore: (name: string) => string
      export: string
      /** The printed report's scenario part. */
      printTitle: string
    }
  }
}

/** What every page has; the planner's strings (`planner`) load with the planner. */
export type BaseMessages = Omit<Messages, 'planner'>

/** The kiosk's strings (web/kiosk/): a wall screen in a logistics park, read from two metres. */
export interface KioskMessages {
  title: string
  youAreHere: string
  /** The place's name when the URL gave none. */
  here: string
  updatedAt: (hhmm: string) => string
  offline: string
  loading: string
  nearest: string
  noStations: string
  noClasses: string
  /** Screen-relative directions, clockwise from ahead (RELATIVE_DIRECTIONS). */
  directions: Record<
    | 'ahead'
    | 'aheadRight'
    | 'right'
    | 'behindRight'
    | 'behind'
    | 'behindLeft'
    | 'left'
    | 'aheadLeft',
    string
  >
  walkMinutes: (min: number) => string
  back: string
  scan: string
  localUrl: string
  hoursToday: string
  problem: {
    title: string
    badParameter: (name: string) => string
    noPark: (id: string) => string
    unreachable: string
    example: string
  }
}

/**
 * How to get in and what workers reported, as the card and the kiosk show it
 * (web/ui/trust-text.ts): they load with those, not with the finder's first screen.
 */
export interface TrustMessages {
  /** The card's heading for `access`, and the button that opens the report form. */
  accessLabel: string
  report: string
  access: Record<AccessMethod, string>
  confirmed: (when: string) => string
  reported: (what: string, when: string) => string
  /** Further reports of the same kind: "（共 2 条）". */
  count: (n: number) => string
  ago: {
    now: string
    minutes: (n: number) => string
    hours: (n: number) => string
    yesterday: string
    days: (n: number) => string
  }
}

/** The report form's strings (web/finder/report-form.tsx): they load with the form. */
export interface ReportMessages {
  title: string
  types: Record<ReportType, string>
  amenity: string
  note: string
  /** `other` needs a word of what. */
  noteRequired: string
  chars: (n: number, max: number) => string
  send: string
  sending: string
  cancel: string
  thanks: string
  /** The stored report, echoed back as the server keeps it. */
  yours: (type: string) => string
  tooMany: (s: number) => string
  failed: string
}
/** The web admin's strings (web/admin/): county editors keeping their records true. */
/** An importer's refusal or warning, by code (server/domain/import-reasons.ts). */
export type ReasonMessages = { [C in RowReasonCode]: (params: ReasonParams) => string }

export interface AdminMessages {
  title: string
  signIn: {
    heading: string
    token: string
    tokenHint: string
    submit: string
    /** Who is signed in, their role and counties ("all" for an admin). */
    who: (name: string, role: string, counties: string) => string
    allCounties: string
    signOut: string
  }
  roles: Record<'admin' | 'editor', string>
  layerNames: Record<AuditLayer, string>
  tabs: { records: string; import: string; inbox: string; audit: string }
  /** Workers' reports on the editor's counties (web/admin/report-inbox.tsx). */
  inbox: {
    heading: string
    type: string
    allTypes: string
    status: string
    statuses: Record<'open' | 'resolved' | 'dismissed', string>
    /** The report types as the worker chose them (the report form's own words). */
    types: Record<ReportType, string>
    none: string
    resolve: string
    dismiss: string
    openStation: string
    /** The station was removed since the report. */
    stationGone: (id: string) => string
    closed: (status: string, by: string) => string
    /** The edit a resolution names. */
    ledTo: (entry: number) => string
    more: string
  }
  /** The audit log, for admins (web/admin/audit-log.tsx). */
  audit: {
    heading: string
    when: string
    who: string
    action: string
    layer: string
    record: string
    counties: string
    none: string
    more: string
  }
  search: {
    /** The switch between the layers editors keep. */
    layer: string
    heading: Record<EditLayer, string>
    query: string
    county: string
    submit: string
    none: Record<EditLayer, string>
    newRecord: Record<EditLayer, string>
  }
  editor: {
    heading: Record<EditLayer, string>
    newHeading: Record<EditLayer, string>
    fields: Record<
      | 'name'
      | 'kind'
      | 'tier'
      | 'host'
      | 'address'
      | 'phone'
      | 'status'
      | 'verifiedOn'
      | 'hostName'
      | 'access'
      | 'accessNote'
      | 'openingHours'
      | 'amenities'
      | 'position'
      | 'ageMin'
      | 'ageMax'
      | 'termStart'
      | 'termEnd'
      | 'schedule'
      | 'capacity'
      | 'enrolled'
      | 'feeCny'
      | 'contactName'
      | 'contactPhone',
      string
    >
    county: (adcode: string) => string
    dragHint: string
    save: string
    create: string
    saved: string
    close: string
    reopen: string
    /** A class has no status: it is removed, and its removal undone from its history. */
    remove: string
    removed: string
    reload: string
    stale: string
    forbidden: (detail: string) => string
    signedOut: string
    /** The access choice for a station whose way in is not recorded. */
    unknownAccess: string
    /** The API's own wording, for whatever else it refuses. */
    refused: (status: number, detail: string) => string
  }
  hours: {
    heading: string
    days: readonly [string, string, string, string, string, string, string]
    from: string
    to: string
    apply: string
    result: string
    expert: string
  }
  history: {
    heading: string
    none: string
    undo: string
    undone: string
    actions: Record<AuditAction, string>
    /** A class's deletion: it is removed, where a station's is a closing. */
    removed: string
    changed: (fields: string) => string
  }
  import: {
    heading: string
    file: string
    layer: string
    crs: string
    crsFromFile: string
    mode: string
    modes: Record<'merge' | 'replace-county' | 'replace-all', string>
    dryRun: string
    commit: string
    committed: (batch: string) => string
    counts: Record<
      'read' | 'add' | 'update' | 'unchanged' | 'remove' | 'rejected' | 'duplicates' | 'warnings',
      string
    >
    rejected: string
    duplicates: string
    warnings: string
    row: string
    column: string
    reason: string
    file_: string
    first: string
    second: string
    truncated: (n: number) => string
    reasons: ReasonMessages
    /** Why two rows look like one record; `m` metres apart (nearness only). */
    duplicateReasons: Record<DuplicateReason, (m: number | null) => string>
  }
}
