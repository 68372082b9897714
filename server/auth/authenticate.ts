import type { Context, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { timingSafeEqual } from 'node:crypto'
import type { Account, User } from '../domain/account.ts'
import type { AppEnv } from '../api/env.ts'
import { problemResponse } from '../api/problem.ts'
import { BOOTSTRAP_ADMIN } from './actors.ts'
import { digest, sameDigest } from './secret.ts'
import { csrfTokenOf, readSessionCookie } from './session-cookie.ts'

/** The header a cookie-authenticated write must carry (see GET /api/session). */
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Who is asking, and how: a bearer token, or a session cookie (whose secret is kept). */
export interface Credentials {
  user: User
  session: { secret: string; expiresAt: string } | null
}

/** 401 with the challenge RFC 6750 asks for. */
export function unauthorized(detail: string): HTTPException {
  const res = problemResponse(401, detail, { title: 'Unauthorized' })
  res.headers.set('www-authenticate', 'Bearer realm="waystation"')
  return new HTTPException(401, { res })
}

export function forbidden(detail: string): HTTPException {
  return new HTTPException(403, { res: problemResponse(403, detail, { title: 'Forbidden' }) })
}

const userOf = (a: Account): User => ({
  id: a.id,
  name: a.name,
  role: a.role,
  counties: a.counties,
})

/**
 * The request's credentials, or null when it carries none. An Authorization header wins over
 * a cookie; a bad one is a 401 (never a silent fall-back to anonymous). Revoked accounts and
 * expired sessions are refused.
 */
export async function credentialsOf(c: Context<AppEnv>): Promise<Credentials | null> {
  const header = c.req.header('authorization')
  if (header !== undefined) {
    const token = /^Bearer +(\S+)$/i.exec(header)?.[1]
    if (token === undefined) throw unauthorized('send Authorization: Bearer <token>')
    const hash = digest(token)
    const bootstrap = c.var.auth.bootstrapDigest
    if (bootstrap !== null && sameDigest(hash, bootstrap)) {
      return { user: BOOTSTRAP_ADMIN, session: null }
    }
    const found = await c.var.store.accountByTokenHash(hash)
    // The lookup compares digests, which a guess cannot steer; the check below is belt and braces.
    if (!found || !sameDigest(found.tokenHash, hash)) throw unauthorized('the token is not valid')
    if (found.account.revokedAt !== null) throw unauthorized('the token has been revoked')
    return { user: userOf(found.account), session: null }
  }
  const secret = readSessionCookie(c)
  if (secret === undefined) return null
  const session = await c.var.store.sessionAccount(digest(secret), new Date().toISOString())
  if (!session) throw unauthorized('the session has ended; sign in again')
  if (session.account.revokedAt !== null) throw unauthorized('the account has been revoked')
  return { user: userOf(session.account), session: { secret, expiresAt: session.expiresAt } }
}

/**
 * The user a request acts for, set as the `user` variable; 401 without valid credentials.
 * A write made with the session cookie must also carry the session's CSRF token in
 * X-CSRF-Token (403 without it): SameSite=Strict already keeps other sites' requests from
 * carrying the cookie, but a same-site sibling (another subdomain) is not cross-site, and
 * the token proves the caller could read our own answers.
 */
export async function requireUser(c: Context<AppEnv>): Promise<User> {
  const credentials = await credentialsOf(c)
  if (credentials === null) {
    throw unauthorized('send Authorization: Bearer <token>, or sign in (POST /api/session)')
  }
  const { session } = credentials
  if (session !== null && !SAFE_METHODS.has(c.req.method)) {
    const sent = Buffer.from(c.req.header(CSRF_HEADER) ?? '')
    const expected = Buffer.from(csrfTokenOf(session.secret))
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      throw forbidden(`a write signed in by cookie must send the session's ${CSRF_HEADER} header`)
    }
  }
  c.set('user', credentials.user)
  return credentials.user
}

/** An admin, else 403. */
export async function requireAdmin(c: Context<AppEnv>): Promise<User> {
  const user = await requireUser(c)
  if (user.role !== 'admin') throw forbidden('this needs an admin account')
  return user
}

/** requireUser as middleware, for routes that need a signed-in user before anything else. */
export function signedIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await requireUser(c)
    await next()
  }
}
