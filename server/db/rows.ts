import type { Selectable } from 'kysely'
import type { Station, StationInput } from '../domain/station.ts'
import type { ChildcareClass, ChildcareClassInput } from '../domain/childcare-class.ts'
import type { Park, ParkInput } from '../domain/park.ts'
import type { CountyFeature } from '../domain/county.ts'
import type {
  ChildcareClassTable,
  CountyTable,
  ParkTable,
  ProvenanceColumns,
  StationTable,
} from './schema.ts'

// Domain objects <-> table rows, shared by every SQL store. Vocabulary columns were written
// from validated domain values, so reading them back trusts the stored text.

export function stationToRow(s: StationInput): Selectable<StationTable> {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    tier: s.tier,
    host: s.host,
    address: s.address,
    adcode: s.adcode,
    lon: s.lon,
    lat: s.lat,
    opening_hours: s.openingHours,
    phone: s.phone,
    status: s.status,
    verified_on: s.verifiedOn,
    sample: s.sample ? 1 : 0,
    host_name: s.hostName ?? null,
    hours_text: s.hoursText ?? null,
    access: s.access ?? null,
    access_note: s.accessNote ?? null,
    ...provenanceToRow(s),
  }
}

export function stationFromRow(r: Selectable<StationTable>, amenities: readonly string[]): Station {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Station['kind'],
    tier: r.tier as Station['tier'],
    host: r.host as Station['host'],
    address: r.address,
    adcode: r.adcode,
    lon: r.lon,
    lat: r.lat,
    amenities: [...amenities].sort() as Station['amenities'],
    openingHours: r.opening_hours,
    phone: r.phone,
    status: r.status as Station['status'],
    verifiedOn: r.verified_on,
    sample: r.sample === 1,
    hostName: r.host_name,
    hoursText: r.hours_text,
    access: r.access as Station['access'],
    accessNote: r.access_note,
    ...provenanceFromRow(r),
  }
}

export function classToRow(c: ChildcareClassInput): Selectable<ChildcareClassTable> {
  return {
    id: c.id,
    name: c.name,
    host: c.host,
    address: c.address,
    adcode: c.adcode,
    lon: c.lon,
    lat: c.lat,
    age_min: c.ageMin,
    age_max: c.ageMax,
    term_start: c.termStart,
    term_end: c.termEnd,
    schedule: c.schedule,
    capacity: c.capacity,
    enrolled: c.enrolled,
    fee_cny: c.feeCny,
    contact_name: c.contactName,
    contact_phone: c.contactPhone,
    sample: c.sample ? 1 : 0,
    ...provenanceToRow(c),
  }
}

export function classFromRow(r: Selectable<ChildcareClassTable>): ChildcareClass {
  return {
    id: r.id,
    name: r.name,
    host: r.host as ChildcareClass['host'],
    address: r.address,
    adcode: r.adcode,
    lon: r.lon,
    lat: r.lat,
    ageMin: r.age_min,
    ageMax: r.age_max,
    termStart: r.term_start,
    termEnd: r.term_end,
    schedule: r.schedule,
    capacity: r.capacity,
    enrolled: r.enrolled,
    feeCny: r.fee_cny,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    sample: r.sample === 1,
    ...provenanceFromRow(r),
  }
}

export function parkToRow(p: ParkInput): Selectable<ParkTable> {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    adcode: p.adcode,
    lon: p.lon,
    lat: p.lat,
    facing_deg: p.facingDeg,
    sample: p.sample ? 1 : 0,
    ...provenanceToRow(p),
  }
}

export function parkFromRow(r: Selectable<ParkTable>): Park {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    adcode: r.adcode,
    lon: r.lon,
    lat: r.lat,
    facingDeg: r.facing_deg,
    sample: r.sample === 1,
    ...provenanceFromRow(r),
  }
}

function provenanceToRow(r: Pick<StationInput, 'source' | 'sourceRef' | 'importBatch'>) {
  return {
    source: r.source ?? null,
    source_ref: r.sourceRef ?? null,
    import_batch: r.importBatch ?? null,
  }
}

function provenanceFromRow(r: ProvenanceColumns) {
  return { source: r.source, sourceRef: r.source_ref, importBatch: r.import_batch }
}

export function countyToRow({ properties: p, geometry }: CountyFeature): CountyTable {
  return {
    adcode: p.adcode,
    name: p.name,
    city: p.city,
    city_adcode: p.cityAdcode,
    population: p.population,
    urban_population: p.urbanPopulation,
    children: p.children,
    area_km2: p.areaKm2,
    note: p.note,
    geometry: JSON.stringify(geometry),
  }
}
