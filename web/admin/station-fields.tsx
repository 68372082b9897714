import { StationCreateSchema, StationPatchSchema } from '../../server/domain/edits.ts'
import type { StationCreate } from '../../server/domain/edits.ts'
import type { Station } from '../../server/domain/station.ts'
import {
  ACCESS_METHODS,
  AMENITIES,
  STATION_HOSTS,
  STATION_KINDS,
  STATION_STATUSES,
  STATION_TIERS,
} from '../../server/domain/vocabularies.ts'
import type { AccessMethod } from '../../server/domain/vocabularies.ts'
import { trustMessages } from '../ui/trust-text.ts'
import { useAdminT } from '../i18n/i18n.ts'
import type { EditLayerSpec, FieldsProps } from './edit-layer.ts'
import { SelectField, TextField } from './form-fields.tsx'
import { HoursHelper } from './hours-helper.tsx'

/** The form's fields: the editable part of a station, text fields as typed ('' for none). */
export type StationDraft = Omit<
  StationCreate,
  'openingHours' | 'phone' | 'verifiedOn' | 'hostName' | 'hoursText' | 'access' | 'accessNote'
> & {
  openingHours: string
  phone: string
  verifiedOn: string
  hostName: string
  hoursText: string | null
  /** '' when unknown. */
  access: AccessMethod | ''
  accessNote: string
}

const orNull = (s: string) => (s.trim() === '' ? null : s)

/** A station's form: its fields, the hours helper, the amenities. */
function StationFields({ draft, set, errors }: FieldsProps<StationDraft>) {
  const t = useAdminT()
  const a = t.admin.editor
  const text = (
    name: 'name' | 'address' | 'phone' | 'hostName' | 'accessNote' | 'verifiedOn',
    type?: 'tel' | 'date',
  ) => (
    <TextField
      name={name}
      label={a.fields[name]}
      value={draft[name]}
      errors={errors}
      type={type}
      onChange={(v) => set(name, v)}
    />
  )
  return (
    <>
      {text('name')}
      {text('address')}
      <SelectField
        name="kind"
        label={a.fields.kind}
        value={draft.kind}
        options={STATION_KINDS}
        optionLabel={(o) => t.kinds[o]}
        errors={errors}
        onChange={(v) => set('kind', v)}
      />
      <SelectField
        name="tier"
        label={a.fields.tier}
        value={draft.tier}
        options={STATION_TIERS}
        optionLabel={(o) => t.tiers[o]}
        errors={errors}
        onChange={(v) => set('tier', v)}
      />
      <SelectField
        name="host"
        label={a.fields.host}
        value={draft.host}
        options={STATION_HOSTS}
        optionLabel={(o) => t.hosts[o]}
        errors={errors}
        onChange={(v) => set('host', v)}
      />
      {text('hostName')}
      {text('phone', 'tel')}
      <SelectField
        name="access"
        label={a.fields.access}
        value={draft.access}
        options={['', ...ACCESS_METHODS]}
        optionLabel={(o) => (o === '' ? a.unknownAccess : trustMessages(t).access[o])}
        errors={errors}
        onChange={(v) => set('access', v)}
      />
      {text('accessNote')}
      <SelectField
        name="status"
        label={a.fields.status}
        value={draft.status}
        options={STATION_STATUSES}
        optionLabel={(o) => t.status[o === 'active' ? 'open' : o]}
        errors={errors}
        onChange={(v) => set('status', v)}
      />
      {text('verifiedOn', 'date')}
      <fieldset className="admin-amenities">
        <legend>{a.fields.amenities}</legend>
        {AMENITIES.map((am) => (
          <label key={am}>
            <input
              type="checkbox"
              checked={draft.amenities.includes(am)}
              onChange={(e) =>
                set(
                  'amenities',
                  e.target.checked
                    ? AMENITIES.filter((x) => x === am || draft.amenities.includes(x))
                    : draft.amenities.filter((x) => x !== am),
                )
              }
            />
            {t.amenities[am]}
          </label>
        ))}
      </fieldset>
      <HoursHelper
        name="openingHours"
        legend={t.admin.hours.heading}
        value={draft.openingHours}
        onChange={(v) => set('openingHours', v)}
        error={errors.openingHours}
      />
    </>
  )
}

export const STATION_LAYER: EditLayerSpec<'stations', StationDraft> = {
  layer: 'stations',
  newDraft: (at) => ({
    name: '',
    kind: 'outdoor_worker_station',
    tier: 'point',
    host: 'community_centre',
    address: '',
    lon: at[0],
    lat: at[1],
    amenities: [],
    openingHours: '',
    phone: '',
    status: 'active',
    verifiedOn: '',
    hostName: '',
    hoursText: null,
    access: '',
    accessNote: '',
  }),
  draftOf: (s: Station) => ({
    name: s.name,
    kind: s.kind,
    tier: s.tier,
    host: s.host,
    address: s.address,
    lon: s.lon,
    lat: s.lat,
    amenities: s.amenities,
    openingHours: s.openingHours ?? '',
    phone: s.phone ?? '',
    status: s.status,
    verifiedOn: s.verifiedOn ?? '',
    hostName: s.hostName ?? '',
    hoursText: s.hoursText,
    access: s.access ?? '',
    accessNote: s.accessNote ?? '',
  }),
  bodyOf: (d) => ({
    ...d,
    openingHours: orNull(d.openingHours),
    phone: orNull(d.phone),
    verifiedOn: orNull(d.verifiedOn),
    hostName: orNull(d.hostName),
    access: d.access === '' ? null : d.access,
    accessNote: orNull(d.accessNote),
  }),
  schemas: { create: StationCreateSchema, patch: StationPatchSchema },
  reopen: { closed: (s) => s.status === 'closed', patch: { status: 'active' } },
  Fields: StationFields,
}
