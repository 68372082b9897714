import type { ComponentType } from 'react'
import type { z } from 'zod'
import type { EditLayer } from '../../server/domain/edits.ts'
import type { EditBodies, EditRecords } from '../api/admin-client.ts'
import { schemaErrors } from './field-errors.ts'
import type { FieldErrors } from './field-errors.ts'

/** What every layer's form holds: a name and a point (the county follows the point). */
export interface DraftBase {
  name: string
  lon: number
  lat: number
}

export interface FieldsProps<D> {
  draft: D
  set: <K extends keyof D>(key: K, value: D[K]) => void
  errors: FieldErrors
}

/**
 * What the record editor needs to know of a layer: its form, how a record becomes the form
 * and the form a body, the shared schemas that check the body, and how a record is closed.
 */
export interface EditLayerSpec<L extends EditLayer, D extends DraftBase> {
  layer: L
  newDraft: (at: readonly [number, number]) => D
  draftOf: (record: EditRecords[L]) => D
  /** The create body as typed, unchecked (empty text as null, numbers as read). */
  bodyOf: (draft: D) => EditBodies[L]['create']
  schemas: {
    create: z.ZodType<EditBodies[L]['create']>
    patch: z.ZodType<EditBodies[L]['patch']>
  }
  /** Rules across fields that the server checks on the whole record after a write. */
  recordProblems?: (body: EditBodies[L]['create']) => { parameter: string; detail: string }[]
  /** Stations close softly (a status, reopened by this patch); null: the record is removed. */
  reopen: { closed: (record: EditRecords[L]) => boolean; patch: EditBodies[L]['patch'] } | null
  Fields: ComponentType<FieldsProps<D>>
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

/** The fields of `next` that differ from `current`. */
function changes<T extends object>(current: T, next: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(next).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k as keyof T]),
    ),
  ) as Partial<T>
}

function checked<T>(
  schema: z.ZodType<T>,
  body: unknown,
  problems: { parameter: string; detail: string }[],
): Checked<T> {
  const result = schema.safeParse(body)
  if (!result.success) return { ok: false, errors: schemaErrors(result.error) }
  if (problems.length > 0) {
    return { ok: false, errors: Object.fromEntries(problems.map((p) => [p.parameter, p.detail])) }
  }
  return { ok: true, value: result.data }
}

/** A new record's body, checked as the API will check it. */
export function checkCreate<L extends EditLayer, D extends DraftBase>(
  spec: EditLayerSpec<L, D>,
  draft: D,
): Checked<EditBodies[L]['create']> {
  const body = spec.bodyOf(draft)
  return checked(spec.schemas.create, body, spec.recordProblems?.(body) ?? [])
}

/** The patch from `record` to the draft, checked as the API will check it. */
export function checkPatch<L extends EditLayer, D extends DraftBase>(
  spec: EditLayerSpec<L, D>,
  record: EditRecords[L],
  draft: D,
): Checked<EditBodies[L]['patch']> {
  const body = spec.bodyOf(draft)
  const patch = changes(spec.bodyOf(spec.draftOf(record)), body)
  return checked(spec.schemas.patch, patch, spec.recordProblems?.(body) ?? [])
}
