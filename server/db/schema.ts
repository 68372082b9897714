/** Tables as Kysely sees them; row types derive from here. Booleans are 0/1 integers. */
export interface Database {
  counties: CountyTable
  stations: StationTable
  station_amenities: StationAmenityTable
  childcare_classes: ChildcareClassTable
  meta: MetaTable
}

export interface CountyTable {
  adcode: string
  name: string
  city: string
  city_adcode: string
  population: number | null
  urban_population: number | null
  children: number | null
  area_km2: number
  note: string | null
  /** GeoJSON geometry as text (WGS-84). */
  geometry: string
}

export interface StationTable {
  id: string
  name: string
  kind: string
  tier: string
  host: string
  address: string
  adcode: string
  lon: number
  lat: number
  opening_hours: string | null
  phone: string | null
  status: string
  verified_on: string | null
  sample: number
}

/** One row per (station, amenity): portable across SQL dialects and indexable. */
export interface StationAmenityTable {
  station_id: string
  amenity: string
}

export interface ChildcareClassTable {
  id: string
  name: string
  host: string
  address: string
  adcode: string
  lon: number
  lat: number
  age_min: number
  age_max: number
  term_start: string
  term_end: string
  schedule: string
  capacity: number
  enrolled: number
  fee_cny: number
  contact_name: string
  contact_phone: string
  sample: number
}

export interface MetaTable {
  key: string
  value: string
}
