import type { Messages } from './messages.ts'

/** The planner's strings: they load with the planner, not with the finder. */
export const enPlanner: Messages['planner'] = {
  title: 'Station coverage planner',
  controls: 'Coverage settings',
  radius: 'Service radius',
  walk: '15-min walk',
  ebike: '15-min e-bike',
  custom: 'Custom',
  customLabel: 'Custom radius (metres)',
  customInvalid: (a, b) => `Enter a whole number from ${a} to ${b.toLocaleString('en')} m`,
  apply: 'Apply',
  metres: (m) => `${m.toLocaleString('en')} m`,
  layer: 'Facilities',
  layers: { stations: 'Stations', classes: 'Childcare' },
  metric: 'Metric',
  metrics: {
    coveredPct: 'Covered (%)',
    uncoveredKm2: 'Uncovered area (km²)',
    perTenThousand: 'Per 10,000 residents',
    per100Km2: 'Per 100 km²',
    count: 'Count',
    areaKm2: 'Area (km²)',
  },
  export: 'Export',
  exportCsv: 'CSV',
  exportGeojson: 'GeoJSON',
  printReport: 'Print report',
  note: {
    sample:
      'Sample data: the stations and classes are generated for demonstration, so these figures illustrate the method, not real coverage.',
    population:
      'Population coverage is unavailable: there is no gridded population surface, so it shows “—” rather than an estimate.',
    method: (r, layer) => {
      const what = layer === 'stations' ? 'active station' : 'childcare class'
      const near = layer === 'stations' ? 'Stations' : 'Classes'
      return `Covered = share of a county's land within ${r} (straight line, geodesic on the WGS-84 ellipsoid) of at least one ${what}, computed on an H3 hexagon grid; tested against exact geometry to within 0.25 percentage points or 3 % of the covered area, whichever is larger. ${near} in neighbouring counties count too. City and province rows are area-weighted totals.`
    },
  },
  loadingReport: 'Computing coverage for every county…',
  loadingSlow: 'A radius below about 970 m first builds fine grids, which takes a while.',
  reportError: 'Coverage figures could not be loaded.',
  retry: 'Retry',
  legend: {
    title: 'Legend',
    quantile: (n) => `Quantile classes (${n}, about equally many counties each); darker = larger`,
    noData: 'No data',
    counties: (n) => `${n}`,
  },
  table: {
    caption: 'Coverage by county, with prefecture-city subtotals and the province total',
    name: 'County',
    columns: {
      count: 'Count',
      perTenThousand: 'Per 10k',
      per100Km2: 'Per 100 km²',
      coveredPct: 'Covered %',
      uncoveredKm2: 'Uncovered km²',
      areaKm2: 'Area km²',
    },
    populationCoveredPct: 'Pop. cov. %',
    popUnavailable: 'Unavailable: no gridded population surface to compute it from',
    province: 'Zhejiang total',
    grouped: 'Group by city',
    sortHint: 'Click a column heading to sort',
  },
  chart: {
    title: (m) => `${m} by county, highest first`,
    province: 'Province',
    loading: 'Loading the chart…',
    error: 'The chart could not be loaded.',
    hint: 'Click a bar to open that county',
  },
  county: {
    back: 'Back to province',
    report: 'County report',
    population: 'Residents (2020)',
    area: 'Area',
    covered: 'Covered',
    gaps: (n, km2) => `${n} uncovered area${n === 1 ? '' : 's'}, ${km2} km² in all`,
    gapsLoading: 'Finding uncovered areas…',
    gapsError: 'Uncovered areas could not be loaded.',
    points: (n, layer) =>
      `Map shows ${n} ${layer === 'stations' ? 'stations' : 'childcare classes'} with their service radius (including nearby ones across the border)`,
    pointsLoading: 'Loading stations…',
    pointsError: 'Stations could not be loaded.',
    suggestions: 'Suggested new sites',
    suggestionsHint: 'Greedy maximal covering: each site adds the most still-uncovered land.',
    suggestionsLoading: 'Computing suggested sites…',
    suggestionsError: 'Suggested sites could not be loaded.',
    none: 'Fully covered: nothing to add.',
    rank: 'No.',
    added: 'Adds km²',
    resulting: 'Covered after',
    place: 'Where',
    zoomError: 'County extents could not be loaded, so the map cannot zoom.',
  },
  map: {
    label: 'County coverage map',
    uncovered: 'Uncovered',
    circles: (r) => `Service radius ${r}`,
    points: (layer) => (layer === 'stations' ? 'Existing stations' : 'Existing classes'),
    suggested: 'Suggested sites',
    computing: 'Computing…',
  },
  print: {
    title: (n, layer) =>
      `${n}: ${layer === 'stations' ? 'station' : 'childcare class'} coverage report`,
    date: (d) => `Generated ${d}`,
    snapshot: 'Map snapshot',
  },
  // planner-ux
  time: {
    label: 'Time',
    any: 'Any time',
    weekday: 'Weekday',
    weekend: 'Weekend',
    hour: 'Hour',
    at: (day, time) => `${day === 'weekday' ? 'weekdays' : 'weekends'} at ${time}`,
    counts: (when, layer) =>
      when === null
        ? `every ${layer === 'stations' ? 'active station' : 'childcare class'}, whatever its hours`
        : layer === 'stations'
          ? `only stations open ${when} (not those with unknown hours)`
          : `only classes in session ${when}`,
    mapPoints: (layer) =>
      layer === 'stations'
        ? 'Existing stations (including those closed then)'
        : 'Existing classes (including those not in session then)',
  },
  figuresFor: (r, l, t) => `Figures for: service radius ${r} · ${l} · ${t}`,
  computingFor: (r, l, t) =>
    `Computing ${r} · ${l} · ${t}; the figures below are still the previous ones`,
  elapsed: (s) => `${s} s so far`,
  busy: (s) => `The server is busy; retrying in ${s} s`,
  worstFirst: 'Least covered first',
  filter: {
    hint: 'Click a class in the legend to list only its counties',
    showing: (range, n) => `Listing only the ${n} counties at ${range}`,
    showAll: 'Show all',
  },
  site: {
    name: (rank) => `Suggested site ${rank}`,
    nearest: (name, compass, d) => `${d} ${compass} of ${name}`,
    noNearest: (layer) =>
      layer === 'stations' ? 'No existing station nearby' : 'No existing class nearby',
    openIn: 'Open in a map app',
    lonLat: 'lon, lat',
  },
  scenario: {
    title: 'Scenario',
    hint: 'Tap the map or take a suggested site to see how coverage would change.',
    add: 'Add sites on the map',
    full: (max) => `A scenario has at most ${max} sites`,
    take: 'Take',
    takeLabel: (rank) => `Add suggested site ${rank} to the scenario`,
    site: (n) => `Proposed site ${n}`,
    remove: (n) => `Remove proposed site ${n}`,
    clear: 'Clear scenario',
    now: 'Now',
    scenario: 'Scenario',
    change: 'Change',
    pp: (v) => `${v} pp`,
    loading: 'Computing the scenario…',
    error: 'The scenario could not be computed:',
    stationsOnly: 'Scenarios are for stations only.',
    gained: 'Land the scenario covers',
    lost: 'Land the scenario loses',
    proposed: 'Proposed sites',
    stations: 'Stations',
    stationHint: 'Tap a station on the map to take it out or give it other hours.',
    registered: (hours) => `Registered hours: ${hours ?? 'unknown'}`,
    removeStation: 'Remove from scenario',
    restoreStation: 'Restore this station',
    close: 'Close',
    hoursTitle: 'Hours in the scenario',
    presets: {
      '24/7': '24 h',
      'Mo-Su 06:00-22:00': 'Daily 6–22',
      'Mo-Fr 08:00-18:00': 'Weekdays 8–18',
    },
    asRegistered: 'As registered',
    customHours: 'Other hours (opening_hours syntax)',
    apply: 'Apply',
    badHours: 'Not valid opening_hours syntax',
    hoursUntimed: 'Hours change coverage only for a time of day (e.g. weekday 02:00).',
    removedList: 'Stations taken out',
    hoursList: 'Stations with other hours',
    restore: (name) => `Restore ${name}`,
    export: 'Export scenario as GeoJSON',
    printTitle: 'Scenario',
  },
}
