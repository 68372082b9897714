import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createHash } from 'node:crypto'

/**
 * The web admin's session cookie. Over TLS it is `__Host-waystation_session`, Secure, with no
 * Domain and Path=/ (the prefix makes browsers refuse it otherwise, so no sibling subdomain or
 * plain-http page can plant or shadow it). A plain-http server (a laptop, localhost) cannot set
 * a Secure cookie everywhere — Chromium and Firefox take one on http://localhost, Safari does
 * not, nor does any browser on http://192.168.x.x — so there it is `waystation_session`
 * without Secure, and an https request never reads that name. Both are HttpOnly (scripts never
 * see the secret) and SameSite=Strict (no cross-site request carries them).
 */

const NAME = 'waystation_session'
export const SESSION_TTL_S = 8 * 3600

/**
 * Did the request reach us over TLS? The URL's scheme, or a TLS-terminating proxy's
 * X-Forwarded-Proto. A forged header only changes which cookie name this request uses.
 */
export function overTls(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
}

const cookieName = (c: Context) => (overTls(c) ? `__Host-${NAME}` : NAME)

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, cookieName(c))
}

export function setSessionCookie(c: Context, secret: string): void {
  setCookie(c, cookieName(c), secret, {
    httpOnly: true,
    secure: overTls(c),
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_TTL_S,
  })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, cookieName(c), { path: '/', secure: overTls(c) })
}

/**
 * The session's CSRF token, derived from its secret (so nothing more is stored, and the page
 * can ask for it again after a reload); the secret cannot be recovered from it.
 */
export function csrfTokenOf(sessionSecret: string): string {
  return createHash('sha256').update(`csrf\u0000${sessionSecret}`).digest('base64url')
}
