import {
  AirVent,
  Armchair,
  BookOpen,
  Briefcase,
  Cross,
  Droplet,
  Flame,
  Heater,
  Microwave,
  PlugZap,
  Refrigerator,
  Scale,
  Smartphone,
  Toilet,
  Umbrella,
  Wifi,
  Wrench,
} from 'lucide-react'
import type { LucideIcon } from 'lucide-react'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'

export const AMENITY_ICONS: Record<Amenity, LucideIcon> = {
  drinking_water: Droplet,
  hot_water: Flame,
  microwave: Microwave,
  toilet: Toilet,
  rest_seats: Armchair,
  air_conditioning: AirVent,
  heating: Heater,
  phone_charging: Smartphone,
  ebike_charging: PlugZap,
  first_aid: Cross,
  umbrella: Umbrella,
  fridge: Refrigerator,
  wifi: Wifi,
  reading_corner: BookOpen,
  repair_tools: Wrench,
  legal_aid: Scale,
  job_services: Briefcase,
}

/** Marker colours by kind; each keeps white text at ≥ 4.5:1 contrast. */
export const KIND_COLORS: Record<StationKind, string> = {
  outdoor_worker_station: '#c2410c',
  courier_station: '#1d4ed8',
  trucker_home: '#047857',
  sanitation_rest_point: '#7c3aed',
}

/** One character drawn in each kind's marker, readable without a legend. */
export const KIND_GLYPHS: Record<StationKind, string> = {
  outdoor_worker_station: '驿',
  courier_station: '哥',
  trucker_home: '车',
  sanitation_rest_point: '环',
}
