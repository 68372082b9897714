import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { addAccount, bearer, storeState } from './accounts.ts'
import { SessionSchema } from '../../../server/domain/account.ts'

// The web admin's sign-in: a token exchanged for a cookie, and the CSRF token every write made
// with that cookie must carry.

const ADMIN_TOKEN = 'bootstrap-admin-token-0123456789abcdef'
const data = makeDataset(60, 15)
const station = data.stations.find((s) => s.adcode === '330106')!
let t: Awaited<ReturnType<typeof makeTestApp>>
let editor: { id: number; token: string }
beforeAll(async () => {
  t = await makeTestApp(data, { adminToken: ADMIN_TOKEN })
  editor = await addAccount(t.store, '西湖区编辑', 'editor', ['330106'])
})
afterAll(() => t.close())

const ORIGIN = { http: 'http://localhost', https: 'https://waystation.example' }

async function signIn(token: string, scheme: 'http' | 'https' = 'http') {
  const res = await t.app.request(`${ORIGIN[scheme]}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  })
  const setCookie = res.headers.get('set-cookie') ?? ''
  return { res, setCookie, cookie: setCookie.split(';')[0]! }
}

function patch(cookie: string, headers: Record<string, string>, scheme: 'http' | 'https' = 'http') {
  return t.app.request(`${ORIGIN[scheme]}/api/stations/${station.id}`, {
    method: 'PATCH',
    headers: { cookie, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ phone: `0571-${Math.random()}` }),
  })
}
const etag = async () => (await t.app.request(`/api/stations/${station.id}`)).headers.get('etag')!

describe('sessions', () => {
  it('signs in with a token: an HttpOnly, SameSite=Strict cookie, and who it is', async () => {
    const { res, setCookie, cookie } = await signIn(editor.token)
    expect(res.status).toBe(200)
    const session = SessionSchema.parse(await res.json())
    expect(session.user).toEqual({
      id: editor.id,
      name: '西湖区编辑',
      role: 'editor',
      counties: ['330106'],
    })
    expect(session.csrfToken).toMatch(/^[\w-]{43}$/)
    // Plain http: no __Host- prefix and no Secure (a browser would drop it off localhost).
    expect(setCookie).toMatch(
      /^waystation_session=[\w-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict$/,
    )
    // The cookie holds a secret of its own, not the token.
    expect(setCookie).not.toContain(editor.token)
    const who = await t.app.request('/api/session', { headers: { cookie } })
    expect(SessionSchema.parse(await who.json())).toEqual(session)
  })

  it('over TLS (or behind a TLS proxy) the cookie is __Host- and Secure, and only that name is read', async () => {
    const { setCookie, cookie } = await signIn(editor.token, 'https')
    expect(setCookie).toMatch(
      /^__Host-waystation_session=[\w-]{43}; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    )
    const who = async (url: string, c: string, headers: Record<string, string> = {}) =>
      SessionSchema.parse(
        await (await t.app.request(url, { headers: { cookie: c, ...headers } })).json(),
      ).user
    expect(await who(`${ORIGIN.https}/api/session`, cookie)).toMatchObject({ id: editor.id })
    expect(
      await who('http://localhost/api/session', cookie, { 'x-forwarded-proto': 'https' }),
    ).toMatchObject({ id: editor.id })
    // A plain-http cookie (which anyone on the path could plant) is not read over TLS.
    const plain = (await signIn(editor.token)).cookie
    expect(await who(`${ORIGIN.https}/api/session`, plain)).toBeNull()
  })

  it('a cookie write needs the session CSRF token; without it, or with another, nothing is written', async () => {
    const { res, cookie } = await signIn(editor.token)
    const { csrfToken } = SessionSchema.parse(await res.json())
    const other = SessionSchema.parse(await (await signIn(editor.token)).res.json()).csrfToken!
    const variants: Record<string, string>[] = [
      {},
      { 'x-csrf-token': other },
      { 'x-csrf-token': '' },
    ]
    for (const headers of variants) {
      const before = await storeState(t.store)
      const refused = await patch(cookie, { ...headers, 'if-match': await etag() })
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/x-csrf-token/)
      expect(await storeState(t.store)).toEqual(before)
    }
    const ok = await patch(cookie, { 'x-csrf-token': csrfToken!, 'if-match': await etag() })
    expect(ok.status).toBe(200)
    // A bearer token needs no CSRF token: browsers never attach one by themselves.
    const withBearer = await t.app.request(`/api/stations/${station.id}`, {
      method: 'PATCH',
      headers: {
        ...bearer(editor.token),
        'if-match': await etag(),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ phone: '1' }),
    })
    expect(withBearer.status).toBe(200)
  })

  it('signs out: the session ends and its cookie is cleared', async () => {
    const { res, cookie } = await signIn(editor.token)
    const { csrfToken } = SessionSchema.parse(await res.json())
    const out = await t.app.request('/api/session', { method: 'DELETE', headers: { cookie } })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/^waystation_session=; Max-Age=0; Path=\//)
    const after = await patch(cookie, { 'x-csrf-token': csrfToken!, 'if-match': await etag() })
    expect(after.status).toBe(401)
    const who = SessionSchema.parse(
      await (await t.app.request('/api/session', { headers: { cookie } })).json(),
    )
    expect(who).toEqual({ user: null, csrfToken: null, expiresAt: null })
  })

  it("refuses unknown, revoked and bootstrap tokens, and ends a revoked account's sessions", async () => {
    expect((await signIn('wst_not-a-token')).res.status).toBe(401)
    const bootstrap = await signIn(ADMIN_TOKEN)
    expect(bootstrap.res.status).toBe(403)
    expect(bootstrap.setCookie).toBe('')
    const leaving = await addAccount(t.store, '将离职', 'editor', ['330106'])
    const { res, cookie } = await signIn(leaving.token)
    const { csrfToken } = SessionSchema.parse(await res.json())
    await t.store.revokeAccount(leaving.id, new Date().toISOString())
    const write = await patch(cookie, { 'x-csrf-token': csrfToken!, 'if-match': await etag() })
    expect(write.status).toBe(401)
    expect((await signIn(leaving.token)).res.status).toBe(401)
    // A bearer token: who it is, without a CSRF token; a bad one is a 401, not "nobody".
    const who = await t.app.request('/api/session', { headers: bearer(ADMIN_TOKEN) })
    expect(SessionSchema.parse(await who.json())).toMatchObject({
      user: { id: null, role: 'admin' },
      csrfToken: null,
    })
    expect((await t.app.request('/api/session', { headers: bearer('nope') })).status).toBe(401)
    expect((await t.app.request('/api/session')).status).toBe(200)
  })

  it('names a malformed sign-in body', async () => {
    for (const body of ['{}', '{"token": ""}', '{"token": "x", "user": 1}', 'not json']) {
      const res = await t.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(res.status, body).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
  })
})
