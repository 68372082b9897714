import { z } from 'zod'
import { AdcodeSchema } from './station.ts'

/** Who may write: an admin everywhere, an editor in their counties only. */
export const ROLES = ['admin', 'editor'] as const
export type Role = (typeof ROLES)[number]

/**
 * The account a request acts for. `id` is null for the bootstrap admin token
 * (WAYSTATION_ADMIN_TOKEN), which has no account; `counties` is [] for admins.
 */
export const UserSchema = z.object({
  id: z.number().int().positive().nullable(),
  name: z.string(),
  role: z.enum(ROLES),
  counties: z.array(AdcodeSchema),
})
export type User = z.infer<typeof UserSchema>

/** An account as `npm run user -- list` shows it. */
export const AccountSchema = UserSchema.extend({
  id: z.number().int().positive(),
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
})
export type Account = z.infer<typeof AccountSchema>

/** May this user write a record in county `adcode`? */
export function mayEdit(user: User, adcode: string): boolean {
  return user.role === 'admin' || user.counties.includes(adcode)
}

/** `POST /api/session`: the token the account was given. */
export const SessionRequestSchema = z.object({ token: z.string().min(1).max(200) }).strict()

/** `GET /api/session`: who is signed in (null: nobody) and the header writes must carry. */
export const SessionSchema = z.object({
  user: UserSchema.nullable(),
  /** Send as `X-CSRF-Token` on every write made with the session cookie; null without one. */
  csrfToken: z.string().nullable(),
  /** ISO 8601; null without a session (a bearer token does not expire). */
  expiresAt: z.string().nullable(),
})
