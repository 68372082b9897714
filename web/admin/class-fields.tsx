import type { ChildcareClass } from '../../server/domain/childcare-class.ts'
import {
  ClassCreateSchema,
  ClassPatchSchema,
  classRangeProblems,
} from '../../server/domain/edits.ts'
import type { ClassCreate } from '../../server/domain/edits.ts'
import { CLASS_HOSTS } from '../../server/domain/vocabularies.ts'
import { useAdminT } from '../i18n/i18n.ts'
import type { EditLayerSpec, FieldsProps } from './edit-layer.ts'
import { SelectField, TextField } from './form-fields.tsx'
import { HoursHelper } from './hours-helper.tsx'

const COUNTS = ['ageMin', 'ageMax', 'capacity', 'enrolled', 'feeCny'] as const
type CountField = (typeof COUNTS)[number]

/** The form's fields: the editable part of a class, numbers as typed. */
export type ClassDraft = Omit<ClassCreate, CountField> & Record<CountField, string>

/** A number as typed; NaN for nothing, so the schema names the field rather than taking 0. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text))

/** A childcare class's form: ages, term, daily schedule, places, fee, contact. */
function ClassFields({ draft, set, errors }: FieldsProps<ClassDraft>) {
  const t = useAdminT()
  const a = t.admin.editor
  const text = (name: Exclude<keyof ClassDraft, 'host' | 'lon' | 'lat' | 'schedule'>) => (
    <TextField
      name={name}
      label={a.fields[name]}
      value={draft[name]}
      errors={errors}
      type={
        (COUNTS as readonly string[]).includes(name)
          ? 'number'
          : name === 'termStart' || name === 'termEnd'
            ? 'date'
            : name === 'contactPhone'
              ? 'tel'
              : 'text'
      }
      onChange={(v) => set(name, v)}
    />
  )
  return (
    <>
      {text('name')}
      {text('address')}
      <SelectField
        name="host"
        label={a.fields.host}
        value={draft.host}
        options={CLASS_HOSTS}
        optionLabel={(o) => t.classHosts[o]}
        errors={errors}
        onChange={(v) => set('host', v)}
      />
      {text('ageMin')}
      {text('ageMax')}
      {text('termStart')}
      {text('termEnd')}
      {text('capacity')}
      {text('enrolled')}
      {text('feeCny')}
      {text('contactName')}
      {text('contactPhone')}
      <HoursHelper
        name="schedule"
        legend={a.fields.schedule}
        value={draft.schedule}
        onChange={(v) => set('schedule', v)}
        error={errors.schedule}
      />
    </>
  )
}

export const CLASS_LAYER: EditLayerSpec<'classes', ClassDraft> = {
  layer: 'classes',
  newDraft: (at) => ({
    name: '',
    host: 'union_office',
    address: '',
    lon: at[0],
    lat: at[1],
    ageMin: '',
    ageMax: '',
    termStart: '',
    termEnd: '',
    schedule: 'Mo-Fr 08:00-17:30',
    capacity: '',
    enrolled: '0',
    feeCny: '0',
    contactName: '',
    contactPhone: '',
  }),
  draftOf: (k: ChildcareClass) => ({
    name: k.name,
    host: k.host,
    address: k.address,
    lon: k.lon,
    lat: k.lat,
    ageMin: String(k.ageMin),
    ageMax: String(k.ageMax),
    termStart: k.termStart,
    termEnd: k.termEnd,
    schedule: k.schedule,
    capacity: String(k.capacity),
    enrolled: String(k.enrolled),
    feeCny: String(k.feeCny),
    contactName: k.contactName,
    contactPhone: k.contactPhone,
  }),
  bodyOf: (d) => ({
    ...d,
    ageMin: numberOf(d.ageMin),
    ageMax: numberOf(d.ageMax),
    capacity: numberOf(d.capacity),
    enrolled: numberOf(d.enrolled),
    feeCny: numberOf(d.feeCny),
  }),
  schemas: { create: ClassCreateSchema, patch: ClassPatchSchema },
  recordProblems: classRangeProblems,
  reopen: null,
  Fields: ClassFields,
}
