import { z } from 'zod'
import { IMPORT_LAYERS } from '../import/register.ts'
import { decimalParam, textParam } from './params.ts'

/** What an audit entry records: an edit, an import, or (on a report) moderation. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'undo',
  'import',
  'rollback',
  'resolve',
  'dismiss',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** What an entry is about: a layer's records, or workers' reports (moderated in the inbox). */
export const AUDIT_LAYERS = [...IMPORT_LAYERS, 'reports'] as const
export type AuditLayer = (typeof AUDIT_LAYERS)[number]

/** One write, as the audit log keeps it: who, when, what, and the record before and after. */
export const AuditEntrySchema = z.object({
  id: z.number().int().positive(),
  /** ISO 8601, UTC. */
  at: z.string(),
  /** The account; null for the bootstrap admin token and the command line. */
  userId: z.number().int().nullable(),
  /** The account's name, or `admin token` / `command line`. */
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  layer: z.enum(AUDIT_LAYERS),
  /** The record written (for moderation: the report); null for an import or rollback (see batchId). */
  recordId: z.string().nullable(),
  batchId: z.string().nullable(),
  /** The counties the write touched (a move touches two). */
  adcodes: z.array(z.string()),
  /** The record before and after (for an import or rollback: the batch); null where none. */
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** The entry this one undid. */
  undoes: z.number().int().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
})

const entryId = decimalParam(z.number().int().positive())
export const AUDIT_MAX_LIMIT = 200

/** `GET /api/audit`: newest first, filtered by record or user. */
export const AuditQuerySchema = z.object({
  layer: z.enum(AUDIT_LAYERS).optional().describe('Only this layer'),
  record: textParam(100).optional().describe("Only this record's entries (its id)"),
  user: entryId.optional().describe("Only this account's entries (its id)"),
  before: entryId
    .optional()
    .describe("Entries older than this id (the previous page's nextBefore)"),
  limit: decimalParam(z.number().int().min(1).max(AUDIT_MAX_LIMIT))
    .default(50)
    .describe('Most entries in the page'),
})
export type AuditQuery = z.infer<typeof AuditQuerySchema>

export const AuditIdParamSchema = z.object({ id: entryId })
