import { createRoute } from '@hono/zod-openapi'
import { SessionRequestSchema, SessionSchema } from '../domain/account.ts'
import { credentialsOf, forbidden, unauthorized } from '../auth/authenticate.ts'
import { digest, newSecret, sameDigest } from '../auth/secret.ts'
import {
  clearSessionCookie,
  csrfTokenOf,
  readSessionCookie,
  SESSION_TTL_S,
  setSessionCookie,
} from '../auth/session-cookie.ts'
import { createRouter } from './env.ts'
import { jsonResponse, problem, problemResponses } from './responses.ts'

// Browser sessions for the web admin: a token is exchanged once for an HttpOnly cookie, so the
// page never keeps the token itself (see server/auth/session-cookie.ts for the cookie's name
// and flags, and authenticate.ts for the CSRF header every cookie write must carry).

const signInRoute = createRoute({
  method: 'post',
  path: '/api/session',
  summary: "Sign in: exchange an account's token for a session cookie",
  description:
    `The cookie (\`__Host-waystation_session\` over TLS, \`waystation_session\` on plain http; ` +
    `HttpOnly, SameSite=Strict) lasts ${SESSION_TTL_S / 3600} hours. Writes made with it must ` +
    'send the answered `csrfToken` as `X-CSRF-Token`. The bootstrap WAYSTATION_ADMIN_TOKEN has ' +
    'no account and cannot sign in (403): create one with `npm run user -- add --role admin`.',
  request: {
    body: { content: { 'application/json': { schema: SessionRequestSchema } }, required: true },
  },
  responses: {
    ...jsonResponse(SessionSchema, 'Signed in: the account, the CSRF token, the expiry'),
    ...problemResponses,
    401: problem('The token is unknown or revoked'),
    403: problem('The bootstrap admin token, which has no account'),
  },
})

const whoRoute = createRoute({
  method: 'get',
  path: '/api/session',
  summary: 'Who is signed in (by cookie or bearer token), and the CSRF token for writes',
  responses: {
    ...jsonResponse(SessionSchema, '`user` null when nobody is'),
    ...problemResponses,
    401: problem('A bearer token that is not valid'),
  },
})

const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/session',
  summary: 'Sign out: end the session and clear its cookie',
  responses: { 204: { description: 'Signed out (or was not signed in)' }, ...problemResponses },
})

export const sessionApi = createRouter()
  .openapi(signInRoute, async (c) => {
    const { token } = c.req.valid('json')
    const { store } = c.var
    const found = await store.accountByTokenHash(digest(token))
    if (found === null) {
      const bootstrap = c.var.auth.bootstrapDigest
      if (bootstrap !== null && sameDigest(digest(token), bootstrap)) {
        throw forbidden('the bootstrap admin token has no account; create one with npm run user')
      }
      throw unauthorized('the token is not valid')
    }
    if (found.account.revokedAt !== null) throw unauthorized('the token has been revoked')
    const secret = newSecret()
    const now = new Date()
    const expiresAt = new Date(now.getTime() + SESSION_TTL_S * 1000).toISOString()
    await store.createSession({
      idHash: digest(secret),
      userId: found.account.id,
      createdAt: now.toISOString(),
      expiresAt,
    })
    setSessionCookie(c, secret)
    const { id, name, role, counties } = found.account
    return c.json(
      { user: { id, name, role, counties }, csrfToken: csrfTokenOf(secret), expiresAt },
      200,
    )
  })
  .openapi(whoRoute, async (c) => {
    const credentials = await credentialsOf(c).catch((err: unknown) => {
      // An ended session is simply "signed out"; a bad bearer token stays a 401.
      if (c.req.header('authorization') === undefined) {
        clearSessionCookie(c)
        return null
      }
      throw err
    })
    if (credentials === null) return c.json({ user: null, csrfToken: null, expiresAt: null }, 200)
    const { user, session } = credentials
    return c.json(
      {
        user,
        csrfToken: session === null ? null : csrfTokenOf(session.secret),
        expiresAt: session?.expiresAt ?? null,
      },
      200,
    )
  })
  .openapi(signOutRoute, async (c) => {
    const secret = readSessionCookie(c)
    if (secret !== undefined) await c.var.store.deleteSession(digest(secret))
    clearSessionCookie(c)
    return c.body(null, 204)
  })
