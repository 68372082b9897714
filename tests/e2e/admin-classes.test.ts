import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { blockNonLocal, launchBrowser, ROOT, SCREENSHOTS, shot, startServer } from './harness.ts'
import type { RunningServer } from './harness.ts'

// Childcare classes in the web admin (/admin) on the real server in headless Chromium: the
// editor of 西湖区 (330106), made with `npm run user`, switches the layer to 爱心托班, finds a
// class, is stopped by the shared schema's rule before a backwards age range is sent, changes
// its places, drags its marker (the county follows), sees both in the history and undoes them,
// removes the class and undoes the removal, and creates a new one.

const COUNTY = '330106'
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

interface ClassFeature {
  id: string
  geometry: { coordinates: [number, number] }
  properties: {
    name: string
    adcode: string
    capacity: number
    ageMin: number
    ageMax: number
  }
}

let server: RunningServer
let browser: Browser
let token: string
let klass: ClassFeature
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-admin-classes-'))

const classNow = async (id = klass.id) => {
  const res = await fetch(`${server.baseUrl}/api/classes/${id}`)
  return res.status === 404 ? null : ((await res.json()) as ClassFeature)
}

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  token = execFileSync(
    process.execPath,
    [
      ...['--import', 'tsx', 'server/cli/user.ts', 'add'],
      ...['--name', '西湖区编辑', '--role', 'editor', '--county', COUNTY],
    ],
    { cwd: ROOT, env: { ...process.env, WAYSTATION_DATA_DIR: dataDir }, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .at(-1)!
  ;[server, browser] = await Promise.all([startServer({ dataDir }), launchBrowser()])
  const page = (await (
    await fetch(`${server.baseUrl}/api/classes?adcode=${COUNTY}&limit=1`)
  ).json()) as { features: ClassFeature[] }
  klass = page.features[0]!
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function openClasses(viewport: { width: number; height: number }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN' })
  await blockNonLocal(ctx)
  const page = await ctx.newPage()
  await page.goto(`${server.baseUrl}/admin`)
  await page.getByLabel('令牌').fill(token)
  await page.getByRole('button', { name: '登录' }).click()
  await expect.poll(() => page.getByText(`西湖区编辑 · 编辑 · ${COUNTY}`).count()).toBe(1)
  await page.getByRole('radio', { name: '爱心托班' }).check()
  await expect.poll(() => page.getByRole('heading', { name: '查找爱心托班' }).count()).toBe(1)
  return page
}

async function openClass(page: Page) {
  await page.getByLabel('名称或地址').fill(klass.properties.name)
  await page.getByRole('button', { name: '搜索' }).click()
  await page
    .getByRole('button', { name: new RegExp(klass.properties.name) })
    .first()
    .click()
  await expect.poll(() => page.getByRole('heading', { name: /编辑爱心托班/ }).count()).toBe(1)
  await expect.poll(() => page.getByText(`区县 ${COUNTY}`).count()).toBe(1)
  await page.locator('.admin-map .maplibregl-marker').waitFor()
}

const save = (page: Page) => page.getByRole('button', { name: '保存', exact: true }).click()

describe('web admin: childcare classes', () => {
  test('edit, drag, see the history, undo; remove and undo the removal; create', async () => {
    const page = await openClasses(DESKTOP)
    await openClass(page)
    await shot(page, 'admin-classes-desktop-1-editor')
    const history = page.locator('.admin-history')
    const entries = history.locator('.admin-history-entry')

    // The age range must run forwards: the shared rule's message, nothing sent; an empty
    // number is the schema's refusal, not a zero.
    await page.getByLabel('最小年龄（岁）').fill('10')
    await page.getByLabel('最大年龄（岁）').fill('5')
    await save(page)
    await expect.poll(() => page.locator('#f-ageMax-error').textContent()).toBe('is below ageMin')
    await page.getByLabel('最大年龄（岁）').fill('')
    await save(page)
    await expect
      .poll(() => page.locator('#f-ageMax-error').textContent())
      .not.toBe('is below ageMin')
    expect(await page.locator('#f-ageMax-error').count()).toBe(1)
    expect((await classNow())!.properties).toMatchObject({
      ageMin: klass.properties.ageMin,
      ageMax: klass.properties.ageMax,
    })
    expect(await entries.count()).toBe(0)
    await page.getByLabel('最小年龄（岁）').fill(String(klass.properties.ageMin))
    await page.getByLabel('最大年龄（岁）').fill(String(klass.properties.ageMax))

    // More places, saved, named in the history.
    const capacity = klass.properties.capacity + 5
    await page.getByLabel('名额').fill(String(capacity))
    await save(page)
    await expect.poll(() => page.getByText('已保存。').count()).toBe(1)
    expect((await classNow())!.properties.capacity).toBe(capacity)
    await expect.poll(() => entries.count()).toBe(1)
    expect(await entries.first().textContent()).toContain('capacity')

    // Drag the marker 60 px east: the point moves, the county stays this one.
    const marker = page.locator('.admin-map .maplibregl-marker')
    await marker.scrollIntoViewIfNeeded()
    const box = (await marker.boundingBox())!
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 30, y, { steps: 5 })
    await page.mouse.move(x + 60, y, { steps: 5 })
    await page.mouse.up()
    await expect
      .poll(() => page.locator('.admin-map + .admin-hint code').textContent())
      .not.toContain(klass.geometry.coordinates[0].toFixed(6))
    await save(page)
    await expect.poll(() => entries.count()).toBe(2)
    const moved = (await classNow())!
    expect(moved.geometry.coordinates[0]).toBeGreaterThan(klass.geometry.coordinates[0])
    expect(moved.properties.adcode).toBe(COUNTY)
    expect(await entries.first().textContent()).toContain('lon')
    await shot(page, 'admin-classes-desktop-2-history')

    // Undo the move, then the change of places: the class is as it was.
    await entries.first().getByRole('button', { name: '撤销' }).click()
    await expect
      .poll(async () => (await classNow())!.geometry.coordinates)
      .toEqual(klass.geometry.coordinates)
    await expect.poll(() => entries.count()).toBe(3)
    // Newest first: the undo, the move, then the change of places.
    await entries.nth(2).getByRole('button', { name: '撤销' }).click()
    await expect
      .poll(async () => (await classNow())!.properties.capacity)
      .toBe(klass.properties.capacity)
    await expect
      .poll(() => page.getByLabel('名额').inputValue())
      .toBe(String(klass.properties.capacity))

    // Removed (a class has no status), and brought back from its history.
    await page.getByRole('button', { name: '删除（可撤销）' }).click()
    await expect.poll(() => page.getByText(/已删除/).count()).toBe(1)
    expect(await classNow()).toBeNull()
    await expect.poll(() => entries.first().textContent()).toMatch(/^删除/)
    await shot(page, 'admin-classes-desktop-3-removed')
    await entries.first().getByRole('button', { name: '撤销' }).click()
    await expect
      .poll(async () => (await classNow())?.properties.capacity)
      .toBe(klass.properties.capacity)
    await expect.poll(() => page.getByRole('button', { name: '删除（可撤销）' }).count()).toBe(1)

    // A new class, where the search's first result is.
    await page.getByRole('button', { name: '新建爱心托班' }).click()
    await expect.poll(() => page.getByRole('heading', { name: '新建爱心托班' }).count()).toBe(1)
    await page.getByLabel('名称', { exact: true }).fill('西湖区测试爱心托班')
    await page.getByLabel('地址', { exact: true }).fill('西湖区测试路 3 号')
    await page.getByLabel('最小年龄（岁）').fill('6')
    await page.getByLabel('最大年龄（岁）').fill('12')
    await page.getByLabel('开班日期').fill('2026-07-06')
    await page.getByLabel('结班日期').fill('2026-08-14')
    await page.getByLabel('名额', { exact: true }).fill('40')
    await page.getByRole('button', { name: '创建' }).click()
    await expect.poll(() => page.getByText('已保存。').count()).toBe(1)
    const id = (await page.locator('.admin-county code').textContent())!
    expect(id).toMatch(/^cl-/)
    expect((await classNow(id))!.properties).toMatchObject({
      name: '西湖区测试爱心托班',
      adcode: COUNTY,
      capacity: 40,
      ageMin: 6,
    })
    await page.context().close()
  }, 180_000)

  test('on a phone: the layer switch, the class editor with its map', async () => {
    const page = await openClasses(PHONE)
    await shot(page, 'admin-classes-phone-1-search')
    await openClass(page)
    await shot(page, 'admin-classes-phone-2-editor')
    await page.locator('.admin-map').scrollIntoViewIfNeeded()
    await shot(page, 'admin-classes-phone-3-map')
    await page.context().close()
  }, 120_000)
})
