import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'

// The Swagger UI page (server/api/docs.ts): no inline script, assets by exact name only.

let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(makeDataset(10, 2))
})
afterAll(() => t.close())

it('starts Swagger UI from a served file, not an inline script', async () => {
  const page = await (await t.app.request('/api/docs')).text()
  const scripts = [...page.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)]
  expect(scripts.map((s) => s[1])).toEqual([
    ' src="/api/docs/swagger-ui-bundle.js"',
    ' src="/api/docs/init.js"',
  ])
  expect(scripts.every((s) => s[2] === '')).toBe(true)
  const init = await t.app.request('/api/docs/init.js')
  expect(init.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  expect(await init.text()).toContain('SwaggerUIBundle(')
})

it('answers names of Object.prototype members, and any other name, with a problem+json 404', async () => {
  for (const name of [
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    '__defineGetter__',
    'package.json',
    'index.html',
  ]) {
    const res = await t.app.request(`/api/docs/${name}`)
    expect(res.status, name).toBe(404)
    expect(res.headers.get('content-type'), name).toContain('application/problem+json')
    expect(((await res.json()) as { detail: string }).detail).toBe(`no docs asset ${name}`)
  }
})

it('serves its assets with validators and byte ranges', async () => {
  const css = await t.app.request('/api/docs/swagger-ui.css')
  expect(css.status).toBe(200)
  expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  const again = await t.app.request('/api/docs/swagger-ui.css', {
    headers: { 'if-none-match': css.headers.get('etag')! },
  })
  expect(again.status).toBe(304)
  const part = await t.app.request('/api/docs/swagger-ui.css', { headers: { range: 'bytes=-10' } })
  expect(part.status).toBe(206)
  expect(await part.text()).toBe((await css.text()).slice(-10))
})
