import type { User } from '../domain/account.ts'
import type { AuditActor } from '../db/store.ts'

/** WAYSTATION_ADMIN_TOKEN: an admin without an account, for bootstrapping and automation. */
export const BOOTSTRAP_ADMIN: User = { id: null, name: 'admin token', role: 'admin', counties: [] }

/** Imports and rollbacks run from a terminal (`npm run import`). */
export const CLI_ACTOR: AuditActor = { userId: null, name: 'command line' }

export const actorOf = (user: User): AuditActor => ({ userId: user.id, name: user.name })
